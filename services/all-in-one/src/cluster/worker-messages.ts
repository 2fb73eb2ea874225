/** What a worker tells the primary once its system answers requests on the shared port. */
export interface WorkerReady {
  type: 'ciba:worker-ready';
  issuer: string;
}

export const isWorkerReady = (message: unknown): message is WorkerReady => (message as WorkerReady | undefined)?.type === 'ciba:worker-ready';

/** The variable through which the primary gives a worker its slot (1…N), the `worker` label of its metrics. */
export const WORKER_SLOT_VARIABLE = 'CIBA_WORKER_SLOT';
