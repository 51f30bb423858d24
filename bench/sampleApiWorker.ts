// The sample API on its own thread, so that the server's work does not share the client's event loop: a real
// Capillary API runs elsewhere, and the fetching figures should time the client, not the server.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startSampleApi, type Faults, type SampleApiStats } from '../sample-api/server';

type Command =
  | { id: number; kind: 'setFaults'; faults: Partial<Faults> }
  | { id: number; kind: 'resetStats' }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'stop' };

type DistributiveOmitId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Reply = { id: number; stats?: SampleApiStats; error?: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  void startSampleApi({ largeUserEvents: (workerData as { largeUserEvents: number }).largeUserEvents }).then((api) => {
    port.on('message', (command: Command) => {
      const reply = (extra: Omit<Reply, 'id'> = {}) => port.postMessage({ id: command.id, ...extra });
      switch (command.kind) {
        case 'setFaults':
          api.setFaults(command.faults);
          return reply();
        case 'resetStats':
          api.resetStats();
          return reply();
        case 'stats':
          return reply({ stats: api.stats() });
        case 'stop':
          void api.stop().then(() => {
            reply();
            port.close();
          });
          return;
      }
    });
    port.postMessage({ url: api.url });
  });
}

/** The parent's handle on the sample API thread. */
export class SampleApiThread {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {
    worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static start(largeUserEvents: number): Promise<SampleApiThread> {
    const worker = new Worker(__filename, { workerData: { largeUserEvents } });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: { url: string }) => {
        worker.off('error', reject);
        resolve(new SampleApiThread(worker, message.url));
      });
    });
  }

  private call(command: DistributiveOmitId<Command>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...command, id });
    });
  }

  async setFaults(faults: Partial<Faults>): Promise<void> {
    await this.call({ kind: 'setFaults', faults });
  }

  async resetStats(): Promise<void> {
    await this.call({ kind: 'resetStats' });
  }

  async stats(): Promise<SampleApiStats> {
    return (await this.call({ kind: 'stats' })).stats!;
  }

  async stop(): Promise<void> {
    await this.call({ kind: 'stop' });
    await this.worker.terminate();
  }
}
