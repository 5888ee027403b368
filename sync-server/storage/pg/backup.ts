import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * The online backup on PostgreSQL (STORE-17): `pg_dump` in its custom format. It reads one
 * snapshot of the database in a repeatable-read transaction while the server keeps writing, so
 * the file is one consistent committed state. The `pg_dump` on the PATH must be of the server's
 * major version or newer. The password goes by environment, never on a command line.
 */
export async function pgDump(url: string, schema: string | undefined, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`];
  if (schema) args.push(`--schema=${schema}`);
  await run('pg_dump', [...args, `--dbname=${dbname}`], env);
}

/**
 * Loads a `pgDump` file into the (empty) database at `url`: the schema as it was dumped, with its
 * migrations table, so the adapter opened on it finds nothing to migrate.
 */
export async function pgRestore(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${dbname}`, file], env);
}

async function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await exec(tool, args, { env });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new Error(
        `${tool} not found on the PATH: install the PostgreSQL client tools (postgresql-client) of the server's version or newer`,
      );
    }
    throw new Error(`${tool} failed: ${err.stderr?.trim() || err.message}`, { cause: e });
  }
}

function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
