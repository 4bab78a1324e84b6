// Reads one Parquet file with DuckDB and prints its schema and rows as JSON: {"columns": [{name, type}], "rows": [...]}.
// Timestamps are printed as microseconds since the Unix epoch (timestamp_us, arrived_us) so no time zone is guessed.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replaceAll("'", "''");
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const source = `read_parquet('${file}')`;
const schema = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
const columns = schema.getRowObjectsJson().map(r => ({ name: r.column_name, type: r.column_type }));
const times = columns.filter(c => c.name === 'timestamp' || c.name === 'arrived').map(c => c.name);
const select = `SELECT * EXCLUDE (${times.map(t => `"${t}"`).join(', ')}), ${times.map(t => `epoch_us("${t}") AS "${t}_us"`).join(', ')} FROM ${source}`;
const rows = (await connection.runAndReadAll(select)).getRowObjectsJson();
console.log(JSON.stringify({ columns, rows }));
