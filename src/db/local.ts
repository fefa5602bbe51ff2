// The embedded default: a real Neo4j Community server resolved from Maven Central and run on this machine's
// Java, for users without Docker. One folder holds the jars (shared) and one folder per instance holds
// config, data and logs, so data survives restarts and the test instance never touches the demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { ROOT, type Config } from '../config.js';
import { OperationalError } from '../errors.js';

const POM = join(ROOT, 'src/db/neo4j.pom.xml');
const NEO4J_VERSION = /<neo4j\.version>([^<]+)</.exec(readFileSync(POM, 'utf8'))![1];

// Neo4j 5 on Java 17 needs these opens (its own launcher passes them); without java.nio start-up fails.
const JAVA_MODULE_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

const ALTERNATIVES =
  'Alternatives: `docker compose up` (see docker-compose.yml), or set NEO4J_URI (with NEO4J_USER and ' +
  'NEO4J_PASSWORD) to any Neo4j 5: Docker, Aura (neo4j+s://...), or a cluster (neo4j://...).';

export class LocalNeo4jError extends OperationalError {}

export interface LocalStatus {
  running: boolean;
  pid: number | null;
  bolt: string;
  browser: string;
  version: string;
  home: string;
}

export type LocalSettings = Pick<
  Config,
  'QG_NEO4J_HOME' | 'QG_BOLT_PORT' | 'QG_HTTP_PORT' | 'QG_NEO4J_HEAP' | 'QG_NEO4J_PAGECACHE' | 'NEO4J_USER' | 'NEO4J_PASSWORD'
>;

export class LocalNeo4j {
  readonly libDir: string;
  readonly home: string;
  private readonly pidFile: string;

  /** `name` separates instances: 'server' for the demo, 'test-<port>' for test runs. */
  constructor(private readonly cfg: LocalSettings, name = 'server') {
    this.libDir = join(cfg.QG_NEO4J_HOME, `lib-${NEO4J_VERSION}`);
    this.home = join(cfg.QG_NEO4J_HOME, name);
    this.pidFile = join(this.home, 'neo4j.pid');
  }

  get boltUri(): string {
    return `bolt://127.0.0.1:${this.cfg.QG_BOLT_PORT}`;
  }

  get browserUrl(): string {
    return `http://127.0.0.1:${this.cfg.QG_HTTP_PORT}/browser/`;
  }

  async status(): Promise<LocalStatus> {
    const pid = this.livePid();
    const running = pid !== null && (await portOpen(this.cfg.QG_BOLT_PORT));
    return { running, pid, bolt: this.boltUri, browser: this.browserUrl, version: NEO4J_VERSION, home: this.home };
  }

  /** Fetches the server's jars with Maven on first use (a few hundred MB of Maven cache, once). */
  install(say: (line: string) => void = () => {}): void {
    if (existsSync(join(this.libDir, '.complete'))) return;
    requireTool('java', ['-version'], 'Java 17 or 21 is needed to run the local Neo4j.');
    requireTool('mvn', ['-v'], 'Maven is needed to fetch Neo4j from Maven Central on first use.');
    say(`fetching Neo4j ${NEO4J_VERSION} from Maven Central (first run only)...`);
    const tmp = `${this.libDir}.partial`;
    rmSync(tmp, { recursive: true, force: true });
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (mvn.status !== 0) {
      throw new LocalNeo4jError(`Maven could not fetch Neo4j:\n${(mvn.stdout + mvn.stderr).slice(-2000)}\n${ALTERNATIVES}`);
    }
    writeFileSync(join(tmp, '.complete'), NEO4J_VERSION);
    rmSync(this.libDir, { recursive: true, force: true });
    renameSync(tmp, this.libDir);
  }

  /** Starts the server in its own process group and waits until Bolt accepts our credentials. */
  async start(say: (line: string) => void = () => {}): Promise<{ alreadyRunning: boolean }> {
    const { running, pid } = await this.status();
    if (running) return { alreadyRunning: true };
    // a second server on this store would fail on its lock, and its pid file would hide the first from `db stop`
    if (pid !== null) {
      throw new LocalNeo4jError(
        `the local Neo4j in ${this.home} is already running (pid ${pid}) but not on Bolt port ${this.cfg.QG_BOLT_PORT}: ` +
          `stop it first (\`quotegraph db stop\` with the QG_BOLT_PORT it was started with) or use its ports.`,
      );
    }
    for (const port of [this.cfg.QG_BOLT_PORT, this.cfg.QG_HTTP_PORT]) {
      if (await portOpen(port)) {
        throw new LocalNeo4jError(
          `port ${port} on 127.0.0.1 is taken by another process. Stop it, choose other ports ` +
            `(QG_BOLT_PORT, QG_HTTP_PORT), or point NEO4J_URI at that server if it is a Neo4j.`,
        );
      }
    }
    this.install(say);
    for (const dir of ['conf', 'data', 'logs', 'import', 'plugins']) mkdirSync(join(this.home, dir), { recursive: true });
    const conf = join(this.home, 'conf/neo4j.conf');
    if (!existsSync(conf)) writeFileSync(conf, '# Settings are passed on the command line by quotegraph db start.\n');
    if (!existsSync(join(this.home, 'data/dbms/auth.ini'))) this.setInitialPassword();

    const logPath = join(this.home, 'logs/console.log');
    const out = openSync(logPath, 'a');
    const child = spawn('java', this.javaArgs(), { detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    child.unref();
    writeFileSync(this.pidFile, String(child.pid));
    let exited: number | null = null;
    child.once('exit', (code) => (exited = code ?? -1));

    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (exited !== null) {
        rmSync(this.pidFile, { force: true });
        throw new LocalNeo4jError(`Neo4j exited during start-up (code ${exited}); last log lines:\n${tail(logPath)}`);
      }
      if (await this.acceptsLogin()) return { alreadyRunning: false };
      await sleep(300);
    }
    await this.stop();
    throw new LocalNeo4jError(`Neo4j did not answer on ${this.boltUri} within 180 s; see ${logPath}`);
  }

  /** SIGTERM lets Neo4j check-point and close its store; SIGKILL only if it hangs. */
  async stop(): Promise<boolean> {
    const pid = this.livePid();
    if (pid === null) return false;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (alive(pid) && Date.now() < deadline) await sleep(200);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(this.pidFile, { force: true });
    return true;
  }

  private javaArgs(): string[] {
    const c = this.cfg;
    const settings: Record<string, string> = {
      'server.default_listen_address': '127.0.0.1',
      'server.bolt.listen_address': `127.0.0.1:${c.QG_BOLT_PORT}`,
      'server.bolt.advertised_address': `127.0.0.1:${c.QG_BOLT_PORT}`,
      'server.http.listen_address': `127.0.0.1:${c.QG_HTTP_PORT}`,
      'server.http.advertised_address': `127.0.0.1:${c.QG_HTTP_PORT}`,
      'server.https.enabled': 'false',
      'dbms.security.auth_enabled': 'true',
      'server.memory.pagecache.size': c.QG_NEO4J_PAGECACHE,
      // a 2-core machine: no 256 MiB preallocated transaction logs, no phoning home
      'db.tx_log.preallocate': 'false',
      'db.tx_log.rotation.retention_policy': '2 files',
      'dbms.usage_report.enabled': 'false',
      'server.threads.worker_count': '4',
      // Neo4j Browser fetches `:play` guides and `:style` files only from these hosts (its default lacks 127.0.0.1,
      // the address `quotegraph start` listens on)
      'browser.remote_content_hostname_whitelist': 'guides.neo4j.com,localhost,127.0.0.1',
    };
    return [
      `-Xms${c.QG_NEO4J_HEAP}`,
      `-Xmx${c.QG_NEO4J_HEAP}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      ...JAVA_MODULE_FLAGS,
      '-cp',
      join(this.libDir, '*'),
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${this.home}`,
      `--config-dir=${join(this.home, 'conf')}`,
      '--console-mode',
      ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ];
  }

  private setInitialPassword(): void {
    const r = spawnSync(
      'java',
      [...JAVA_MODULE_FLAGS, '-cp', join(this.libDir, '*'), 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', this.cfg.NEO4J_PASSWORD],
      { encoding: 'utf8', env: { ...process.env, NEO4J_HOME: this.home, NEO4J_CONF: join(this.home, 'conf') } },
    );
    if (r.status !== 0) throw new LocalNeo4jError(`could not set the initial Neo4j password:\n${r.stdout}${r.stderr}`);
  }

  private async acceptsLogin(): Promise<boolean> {
    if (!(await portOpen(this.cfg.QG_BOLT_PORT))) return false;
    const driver = neo4j.driver(this.boltUri, neo4j.auth.basic(this.cfg.NEO4J_USER, this.cfg.NEO4J_PASSWORD));
    try {
      await driver.verifyAuthentication();
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (code.includes('Unauthorized') || code.includes('AuthenticationRateLimit')) {
        throw new LocalNeo4jError(
          `the local Neo4j rejected user ${this.cfg.NEO4J_USER} with NEO4J_PASSWORD: the password was fixed when ` +
            `${this.home} was first created. Use that password, or stop the server and delete ${join(this.home, 'data')}.`,
        );
      }
      return false;
    } finally {
      await driver.close();
    }
  }

  private livePid(): number | null {
    if (!existsSync(this.pidFile)) return null;
    const pid = Number(readFileSync(this.pidFile, 'utf8'));
    return Number.isInteger(pid) && alive(pid) && this.isOurServer(pid) ? pid : null;
  }

  /** A stale pid file may name a pid the system has since given to another process: never signal that one. */
  private isOurServer(pid: number): boolean {
    if (!existsSync('/proc/self/cmdline')) return true; // no procfs (macOS): the pid file is all there is
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--home-dir=${this.home}`);
    } catch {
      return false;
    }
  }
}

function requireTool(cmd: string, args: string[], why: string): void {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error) throw new LocalNeo4jError(`\`${cmd}\` was not found. ${why}\n${ALTERNATIVES}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

function tail(path: string, lines = 20): string {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
