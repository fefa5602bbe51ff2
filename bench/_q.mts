import neo4j from 'neo4j-driver';
const d = neo4j.driver('bolt://127.0.0.1:7687', neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? 'quotegraph-local'));
const q = process.argv[2];
const r = await d.executeQuery(q);
for (const rec of r.records) console.log(JSON.stringify(rec.toObject()));
await d.close();
