import { runCli } from './stores-cli';

process.exitCode = await runCli(process.argv.slice(2));
