// The sample API in a child process, so that neither its work nor its CPU time mixes with the client's: a
// real Capillary API runs elsewhere, and the fetching figures should time (and charge CPU to) the client only.
import { fork, type ChildProcess } from 'node:child_process';
import { startSampleApi, type Faults, type SampleApiStats } from '../sample-api/server';

type Command =
  | { id: number; kind: 'setFaults'; faults: Partial<Faults> }
  | { id: number; kind: 'resetStats' }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'stop' };

type DistributiveOmitId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Reply = { id: number; stats?: SampleApiStats };

const CHILD_FLAG = '--capillary-bench-sample-api';

if (require.main === module && process.argv.includes(CHILD_FLAG)) {
  const send = (message: unknown) => process.send!(message);
  void startSampleApi({ largeUserEvents: Number(process.argv[process.argv.indexOf(CHILD_FLAG) + 1]) }).then((api) => {
    process.on('message', (command: Command) => {
      const reply = (extra: Omit<Reply, 'id'> = {}) => send({ id: command.id, ...extra });
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
            process.disconnect();
          });
          return;
      }
    });
    send({ url: api.url });
  });
}

/** The parent's handle on the sample API process. */
export class SampleApiProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static start(largeUserEvents: number): Promise<SampleApiProcess> {
    const child = fork(__filename, [CHILD_FLAG, String(largeUserEvents)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const failed = (reason: unknown) => reject(new Error(`The sample API process did not start: ${String(reason)}`));
      child.once('error', failed);
      child.once('exit', failed);
      child.once('message', (message: { url: string }) => {
        child.off('error', failed);
        child.off('exit', failed);
        resolve(new SampleApiProcess(child, message.url));
      });
    });
  }

  private call(command: DistributiveOmitId<Command>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, resolve);
      this.child.send({ ...command, id }, (error) => error && reject(error));
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
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ kind: 'stop' });
    await exited;
  }
}
