// Child process of run.ts: starts one side of a pair, reports its URL over IPC and stops on 'stop'/SIGTERM.
//   node bench/src/serve-side.ts <pair> <baseline|target>
import { pairs } from './pairs/index.ts';

const [pairName, sideName] = process.argv.slice(2);
const pair = pairs.get(pairName ?? '');
if (!pair || (sideName !== 'baseline' && sideName !== 'target')) {
  console.error(`usage: serve-side.ts <${[...pairs.keys()].join('|')}> <baseline|target>`);
  process.exit(2);
}
const running = await pair[sideName].start();
let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await running.close();
  process.exit(0);
};
process.on('message', (m) => void (m === 'stop' && stop()));
process.on('SIGTERM', () => void stop());
process.send?.({ url: running.url, headers: running.requestHeaders ?? {} });
