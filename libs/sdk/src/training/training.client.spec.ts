import { GalleyApiError } from '../galley-api.error';
import { GalleyClient } from '../galley-client';
import {
  aClassificationEvaluation,
  aJob,
  aJobDetails,
  anEpochLog,
  anExperiment,
  aRun,
  aSweep,
  aTrainer,
  eventStreamResponse,
  JOB_ID,
  RUN_ID,
  SWEEP_ID,
} from './training.test-builders';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A client whose fetch answers from a queue (a Response, an Error to throw, or a function of the call). */
function clientAnswering(...answers: Array<Response | Error | ((call: Call) => Response)>) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error('fake fetch: no answer queued');
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(call) : answer;
  };
  return { client: new GalleyClient({ baseUrl: 'http://api.test', token: 'tok', fetch: fetchFn }), calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
}

describe('GalleyClient.training', () => {
  it('lists experiments with their run counts', async () => {
    const { client, calls } = clientAnswering(json(200, { items: [anExperiment({ runCount: 7 })] }));

    await expect(client.training.listExperiments()).resolves.toEqual([anExperiment({ runCount: 7 })]);
    expect(calls[0]).toMatchObject({ method: 'GET', url: 'http://api.test/api/v1/experiments' });
  });

  it('searches runs with the filter and the order in the query string', async () => {
    const page = { items: [aRun()], total: 1, limit: 100, offset: 0 };
    const { client, calls } = clientAnswering(json(200, page));

    await expect(
      client.training.searchRuns({ experiment: 'weather', filter: "metrics.val_accuracy > 0.8 and params.optimizer = 'adam'", orderBy: 'metrics.test_accuracy desc' }),
    ).resolves.toEqual(page);
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/v1/runs');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      experiment: 'weather',
      filter: "metrics.val_accuracy > 0.8 and params.optimizer = 'adam'",
      orderBy: 'metrics.test_accuracy desc',
    });
  });

  it('gives a bad filter back as the server problem, with its code', async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'cannot read the filter at "~~" (position 0)', code: 'training.invalid_filter' };
    const { client } = clientAnswering(json(400, problem));

    const failure = await client.training.searchRuns({ filter: '~~' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GalleyApiError);
    expect(failure).toMatchObject({ status: 400, code: 'training.invalid_filter', detail: problem.detail });
  });

  it('asks for one metric of a run by key', async () => {
    const history = { runId: RUN_ID, key: 'val_loss', points: [{ step: 1, value: 0.9, timestamp: 1 }] };
    const { client, calls } = clientAnswering(json(200, history));

    await expect(client.training.metricHistory(RUN_ID, 'val_loss')).resolves.toEqual(history);
    expect(calls[0].url).toBe(`http://api.test/api/v1/runs/${RUN_ID}/metric-history?key=val_loss`);
  });

  it('submits a job as JSON and reads a 422 as field errors', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'the job cannot run: data.target: the target column cloud is not in the data',
      code: 'training.invalid_job',
      errors: [{ field: 'data.target', message: 'the target column cloud is not in the data' }],
    };
    const { client, calls } = clientAnswering(json(201, aJob()), json(422, problem));
    const { data, model, seed, source, experiment } = aJobDetails();

    await expect(client.training.submitJob({ experiment, source: { dataset: source.dataset, version: 1 }, data, model, seed })).resolves.toEqual(aJob());
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'http://api.test/api/v1/jobs', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(calls[0].body!)).toMatchObject({ experiment: 'weather', seed: 7, source: { dataset: 'seattle-weather', version: 1 } });

    const failure = await client.training.submitJob({ experiment, source: { dataset: 'seattle-weather', version: 1 }, data: { ...data, target: 'cloud' }, model, seed }).catch((error: unknown) => error);
    expect((failure as GalleyApiError).fieldError('data.target')).toBe('the target column cloud is not in the data');
  });

  it('reads job details from a server that does not send an evaluation yet', async () => {
    const { evaluation: _left, ...older } = aJobDetails();
    const { client } = clientAnswering(json(200, older));

    const job = await client.training.getJob(JOB_ID);
    expect(job.id).toBe(JOB_ID);
    expect(job.evaluation).toBeUndefined();
  });

  it('cancels a job and lists trainers', async () => {
    const { client, calls } = clientAnswering(json(200, aJob({ cancelRequested: true })), json(200, { items: [aTrainer({ status: 'busy', jobId: JOB_ID })] }));

    await expect(client.training.cancelJob(JOB_ID)).resolves.toMatchObject({ cancelRequested: true });
    await expect(client.training.listTrainers()).resolves.toEqual([aTrainer({ status: 'busy', jobId: JOB_ID })]);
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([`POST /api/v1/jobs/${JOB_ID}/cancel`, 'GET /api/v1/trainers']);
  });
});

describe('GalleyClient.training sweeps', () => {
  it('starts a sweep, reads it and stops it', async () => {
    const { client, calls } = clientAnswering(json(201, aSweep()), json(200, aSweep()), json(200, { items: [aSweep()] }), json(200, aSweep({ status: 'stopped' })));
    const { data, model, seed, source } = aJobDetails();
    const request = {
      experiment: 'weather',
      base: { source: { dataset: source.dataset, version: 1 }, data, model, seed },
      parameters: { learningRate: { values: [0.01, 0.1] } },
      strategy: 'grid' as const,
      maxRuns: 2,
      objective: { metric: 'test_accuracy', goal: 'maximize' as const },
    };

    await expect(client.training.createSweep(request)).resolves.toMatchObject({ id: SWEEP_ID, best: { objective: 0.8 } });
    await expect(client.training.getSweep(SWEEP_ID)).resolves.toMatchObject({ trials: [{ index: 0 }, { index: 1 }] });
    await expect(client.training.listSweeps()).resolves.toHaveLength(1);
    await expect(client.training.stopSweep(SWEEP_ID)).resolves.toMatchObject({ status: 'stopped' });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      'POST /api/v1/sweeps',
      `GET /api/v1/sweeps/${SWEEP_ID}`,
      'GET /api/v1/sweeps',
      `POST /api/v1/sweeps/${SWEEP_ID}/stop`,
    ]);
    expect(JSON.parse(calls[0].body!)).toMatchObject({ parameters: { learningRate: { values: [0.01, 0.1] } }, strategy: 'grid' });
  });
});

describe('GalleyClient.training.jobEvents', () => {
  const running = aJob({ status: 'running', runId: RUN_ID, attempts: 1 });
  const completed = aJob({ status: 'completed', runId: RUN_ID, attempts: 1, epoch: 3 });
  const evaluation = aClassificationEvaluation();

  it('streams the snapshot and the job events, authenticated with the bearer token', async () => {
    const { client, calls } = clientAnswering(
      eventStreamResponse([
        { type: 'snapshot', job: aJobDetails({ status: 'running', runId: RUN_ID }) },
        { type: 'epoch', jobId: JOB_ID, runId: RUN_ID, log: anEpochLog(1, 0.9, { val_loss: 1.1 }) },
        { type: 'completed', job: completed, evaluation },
      ]),
    );

    const types: string[] = [];
    for await (const event of client.training.jobEvents(JOB_ID)) types.push(event.type === 'epoch' ? `epoch ${event.log.epoch}` : event.type);

    expect(types).toEqual(['snapshot', 'epoch 1', 'completed']);
    expect(calls[0]).toMatchObject({ url: `http://api.test/api/v1/jobs/${JOB_ID}/events`, headers: { authorization: 'Bearer tok' } });
    expect(calls[0].headers['accept']).toContain('text/event-stream');
  });

  it('skips events of a type it does not know, and refuses a known one that breaks the contract', async () => {
    const { client } = clientAnswering(
      eventStreamResponse([{ type: 'paused', job: running }, { type: 'started', job: running }]),
      eventStreamResponse([{ type: 'epoch', jobId: JOB_ID, runId: RUN_ID, log: { epoch: 'one' } }]),
    );

    const seen: string[] = [];
    for await (const event of client.training.jobEvents(JOB_ID)) seen.push(event.type);
    expect(seen).toEqual(['started']);

    const consume = async () => {
      for await (const _event of client.training.jobEvents(JOB_ID)) void _event;
    };
    await expect(consume()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('watches a job to its completion and gives back the evaluation', async () => {
    const { client } = clientAnswering(
      eventStreamResponse([
        { type: 'snapshot', job: aJobDetails() },
        { type: 'started', job: running },
        { type: 'epoch', jobId: JOB_ID, runId: RUN_ID, log: anEpochLog(1, 0.9) },
        { type: 'completed', job: completed, evaluation },
      ]),
    );
    const seen: string[] = [];

    const outcome = await client.training.watchJob(JOB_ID, { onEvent: (event) => seen.push(event.type) });

    expect(outcome).toEqual({ job: completed, evaluation });
    expect(seen).toEqual(['snapshot', 'started', 'epoch', 'completed']);
  });

  it('reconnects when the stream ends before the job does, and takes a finished snapshot as the end', async () => {
    const { client, calls } = clientAnswering(
      eventStreamResponse([{ type: 'snapshot', job: aJobDetails({ status: 'running' }) }]),
      new TypeError('fetch failed'),
      eventStreamResponse([{ type: 'snapshot', job: aJobDetails({ status: 'completed', evaluation }) }]),
    );

    const outcome = await client.training.watchJob(JOB_ID, { reconnectDelayMs: 1 });

    expect(outcome.job.status).toBe('completed');
    expect(outcome.evaluation).toEqual(evaluation);
    expect(calls).toHaveLength(3);
  });

  it('gives up after the allowed reconnections', async () => {
    const endsEarly = () => eventStreamResponse([]);
    const { client, calls } = clientAnswering(endsEarly, endsEarly, endsEarly);

    await expect(client.training.watchJob(JOB_ID, { reconnectDelayMs: 1, maxReconnects: 2 })).rejects.toThrow(/ended 3 times before the job finished/);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a job that does not exist', async () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: `no job ${JOB_ID}`, code: 'training.job_not_found' };
    const { client, calls } = clientAnswering(json(404, problem));

    await expect(client.training.watchJob(JOB_ID, { reconnectDelayMs: 1 })).rejects.toMatchObject({ status: 404, detail: `no job ${JOB_ID}` });
    expect(calls).toHaveLength(1);
  });

  it('stops with the abort reason when the caller aborts', async () => {
    const controller = new AbortController();
    const { client } = clientAnswering(() => {
      controller.abort(new Error('page closed'));
      return eventStreamResponse([]);
    });

    await expect(client.training.watchJob(JOB_ID, { signal: controller.signal, reconnectDelayMs: 1 })).rejects.toThrow('page closed');
  });
});
