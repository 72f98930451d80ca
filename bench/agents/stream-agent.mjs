// Streams coloured output forever (as fast as the terminal takes it): load for the latency benchmark.
import { floodChunk } from '../flood-data.mjs';

let i = 0;
const pump = () => {
  while (process.stdout.write(floodChunk(i++ % 1000)));
  process.stdout.once('drain', pump);
};
pump();
