// docker-compose.yml cannot run on a machine without a Docker engine; this checks its wiring instead.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';

const compose = parse(readFileSync(`${ROOT}/docker-compose.yml`, 'utf8'));
const { neo4j, quotegraph } = compose.services;

describe('docker-compose.yml', () => {
  it('runs the official Neo4j 5.26 image with a password, a data volume and a healthcheck', () => {
    expect(neo4j.image).toMatch(/^neo4j:5\.26/);
    expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD/);
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(neo4j.ports).toEqual(expect.arrayContaining(['127.0.0.1:7474:7474', '127.0.0.1:7687:7687']));
  });

  it('starts QuoteGraph after Neo4j is healthy, pointed at it over Bolt with the same password', () => {
    expect(quotegraph.depends_on.neo4j.condition).toBe('service_healthy');
    expect(quotegraph.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(quotegraph.environment.NEO4J_PASSWORD).toBe('${NEO4J_PASSWORD:-quotegraph-local}');
    expect(quotegraph.environment.HOST).toBe('0.0.0.0');
    expect(quotegraph.ports).toContain(`127.0.0.1:4000:${quotegraph.environment.PORT}`);
    expect(readFileSync(`${ROOT}/Dockerfile`, 'utf8')).toMatch(/npm ci/);
  });
});
