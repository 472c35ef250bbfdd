import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);

/** A throwaway PostgreSQL server on loopback, for the registry tests. */
export interface PostgresServer {
  /** `postgres://` URL of an empty database. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL (`/usr/lib/postgresql/<version>/bin`), or the one on PATH. */
function findBinDirectory(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((left, right) => Number(right) - Number(left))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  const fromPath = (process.env.PATH ?? '')
    .split(':')
    .find((directory) => existsSync(join(directory, 'initdb')));
  return fromPath;
}

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
  return Number((await run('id', [flag, 'postgres'])).stdout.trim());
}

/**
 * Starts PostgreSQL from the Debian packages in a temporary directory: `initdb` (as the `postgres`
 * user when running as root, which initdb refuses to be), `pg_ctl start` on a free loopback port
 * with its socket in that directory, then `CREATE DATABASE`. Resolves `undefined`, with a loud
 * message, when that cannot be done here.
 */
export async function startPostgres(): Promise<PostgresServer | undefined> {
  const bin = findBinDirectory();
  if (bin === undefined) {
    console.warn(
      '\n!!! PostgreSQL tests SKIPPED: no initdb found (install the Debian package `postgresql`) !!!\n',
    );
    return undefined;
  }
  const directory = mkdtempSync(join(tmpdir(), 'unicart-postgres-'));
  const asRoot = process.getuid?.() === 0;
  const runPostgresTool = async (tool: string, args: readonly string[]) => {
    const command = join(bin, tool);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, [...args]);
  };
  const data = join(directory, 'data');
  try {
    if (asRoot) chownSync(directory, await idOf('-u'), await idOf('-g'));
    await runPostgresTool('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    const settings = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await runPostgresTool('pg_ctl', [
      '-D',
      data,
      '-l',
      join(directory, 'server.log'),
      '-w',
      '-t',
      '20',
      '-o',
      settings,
      'start',
    ]);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE unicart_test');
    await admin.end();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/unicart_test`,
      async stop() {
        await runPostgresTool('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await runPostgresTool('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
    console.warn(
      `\n!!! PostgreSQL tests SKIPPED: PostgreSQL could not start: ${(error as Error).message} !!!\n`,
    );
    return undefined;
  }
}

/**
 * One throwaway PostgreSQL for the test file that calls this at its top level (started before its
 * tests, stopped after them); the getter answers `undefined` when it could not start.
 */
export function postgresForThisFile(): () => PostgresServer | undefined {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => server;
}

/** Drops every table of the database at `url` (and the sync job queue's schema). */
export async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS unicart_pgboss CASCADE',
  );
  await client.end();
}
