import { loadConfig } from './config';
import { closeOnSignals, startGateway } from './serve';

// `pnpm start`: environment → configuration → listen, until SIGTERM/SIGINT.
try {
  closeOnSignals(await startGateway(loadConfig()));
} catch (error) {
  console.error(`The Unicart gateway could not start: ${(error as Error).message}`);
  process.exit(1);
}
