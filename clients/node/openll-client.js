#!/usr/bin/env node
// An example openll client in Node, on @grpc/grpc-js and @grpc/proto-loader.
//
//   openll-client.js submit [--no-watch] FILE   submit a job command file, then watch it to the end
//   openll-client.js watch ID                   follow a job or step until every step has finished
//   openll-client.js cancel ID...               cancel jobs or steps
//
// Prints and exit codes are those of clients/python/openll_client.py: "submitted JOB_ID",
// "STEP_ID STATE" at each change, "finished ID"; 0 every step Completed (or cancel done), 3 every
// step finished but one not Completed, 1 an error (one line, with the gRPC status code), 2 usage.
//
// The .proto files are loaded at run time from proto/src/main/protobuf (OPENLL_PROTO_ROOT to
// change). The job command file is parsed by `llsubmit --dry-run FILE` (OPENLL_LLSUBMIT, default
// bin/llsubmit), which prints the JobSpec in protobuf's JSON mapping with proto field names.
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const NAME = 'openll-client';
const ROOT = path.resolve(__dirname, '..', '..');
const RECONNECT_PAUSE_MILLIS = 1000; // before the one reconnect after a watch stream broke
const CALL_TIMEOUT_MILLIS = 10_000;
const TERMINAL = new Set(['STEP_STATE_COMPLETED', 'STEP_STATE_REMOVED', 'STEP_STATE_CANCELED',
  'STEP_STATE_NOT_RUN', 'STEP_STATE_TERMINATED', 'STEP_STATE_SUBMISSION_ERROR']);

class Failure extends Error {}

function loadApi() {
  const protoRoot = process.env.OPENLL_PROTO_ROOT || path.join(ROOT, 'proto', 'src', 'main', 'protobuf');
  // keepCase: the proto field names, as in llsubmit's and llq's JSON; enums by name
  const definition = protoLoader.loadSync('openll/v1/schedd.proto',
    { includeDirs: [protoRoot], keepCase: true, enums: String, longs: String, defaults: true });
  return { definition, Schedd: grpc.loadPackageDefinition(definition).openll.v1.Schedd };
}

// protobuf's JSON mapping writes a Timestamp as an RFC 3339 string; grpc-js wants {seconds, nanos}
function fromJson(definition, typeName, value) {
  if (typeName === 'google.protobuf.Timestamp' && typeof value === 'string') {
    const millis = Date.parse(value);
    if (Number.isNaN(millis)) throw new Failure(`not an RFC 3339 time: ${value}`);
    const fraction = /\.(\d+)/.exec(value);
    return { seconds: String(Math.floor(millis / 1000)), nanos: fraction ? Number(fraction[1].padEnd(9, '0').slice(0, 9)) : 0 };
  }
  const type = definition[typeName] && definition[typeName].type;
  if (!type || value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [name, fieldValue] of Object.entries(value)) {
    const field = type.field.find((f) => f.name === name);
    if (!field) throw new Failure(`${typeName} has no field ${name} (are the protos older than llsubmit?)`);
    if (field.type !== 'TYPE_MESSAGE') {
      result[name] = fieldValue;
    } else if (Array.isArray(fieldValue)) {
      result[name] = fieldValue.map((v) => fromJson(definition, field.typeName, v));
    } else {
      result[name] = fromJson(definition, field.typeName, fieldValue);
    }
  }
  return result;
}

const HINT = '; is the cluster started (llctl status)?';

function openllHome() {
  return process.env.OPENLL_HOME || path.join(os.homedir(), '.openll');
}

function addressFile() {
  return path.join(openllHome(), 'run', 'schedd.addr');
}

// This user's token (docs/security.md): OPENLL_TOKEN, else the file OPENLL_TOKEN_FILE, else
// $OPENLL_HOME/tokens/USER.token; null without one.
function userToken() {
  const text = (process.env.OPENLL_TOKEN || '').trim();
  if (text) return text;
  let file = process.env.OPENLL_TOKEN_FILE;
  if (!file) {
    file = path.join(openllHome(), 'tokens', `${os.userInfo().username}.token`);
    if (!fs.existsSync(file)) return null;
  }
  let token;
  try {
    token = fs.readFileSync(file, 'ascii').trim();
  } catch (error) {
    throw new Failure(`cannot read the token file ${file} (${error.code})`);
  }
  if (!token) throw new Failure(`the token file ${file} is empty`);
  return token;
}

// TLS trusting the cluster CA only (docs/security.md), presenting this user's token as
// `authorization: Bearer TOKEN` when there is one, else the client certificate (OPENLL_CA_CERT,
// OPENLL_CLIENT_CERT, OPENLL_CLIENT_KEY override the files); plaintext without a CA certificate,
// which only a cluster with OPENLL_INSECURE = true accepts.
function channelCredentials() {
  const security = path.join(openllHome(), 'security');
  const ca = process.env.OPENLL_CA_CERT || path.join(security, 'ca', 'ca.crt');
  if (!fs.existsSync(ca)) return grpc.credentials.createInsecure();
  // grpc-js sets the TLS server name to the address, an IP literal here; the certificate's SAN
  // holds the IP, but Node warns (DEP0123) on stderr, which is this client's error channel
  process.noDeprecation = true;
  const token = userToken();
  if (token) {
    let caCert;
    try {
      caCert = fs.readFileSync(ca);
    } catch (error) {
      throw new Failure(`cannot read the CA certificate ${ca} (${error.code})`);
    }
    const bearer = grpc.credentials.createFromMetadataGenerator((params, callback) => {
      const metadata = new grpc.Metadata();
      metadata.add('authorization', `Bearer ${token}`);
      callback(null, metadata);
    });
    return grpc.credentials.combineChannelCredentials(grpc.credentials.createSsl(caCert), bearer);
  }
  const user = os.userInfo().username;
  const base = path.join(security, 'certs', `client-${user}`);
  const files = [ca, process.env.OPENLL_CLIENT_KEY || `${base}.key`, process.env.OPENLL_CLIENT_CERT || `${base}.crt`];
  const contents = files.map((file) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new Failure(`cannot read ${file} (${error.code}): issue a client certificate with llctl cert issue`
        + ` --role client --machine ${user} (docs/security.md)`);
    }
  });
  return grpc.credentials.createSsl(contents[0], contents[1], contents[2]);
}

function scheddAddress() {
  const file = addressFile();
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new Failure(`cannot reach the schedd: no address in ${file}${HINT}`);
  }
}

// grpc-js says "No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7001 (...)":
// "connection refused", as llq says it; other details as they are
function reason(details) {
  const text = (details || 'unavailable').trim().split('\n')[0];
  if (/ECONNREFUSED|connection refused/i.test(text)) return 'connection refused';
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// one line with the gRPC status code's name, as the Python client writes it
function failure(error, address) {
  const code = Object.keys(grpc.status).find((k) => grpc.status[k] === error.code) || String(error.code);
  let detail = error.details || `from the schedd at ${address}`;
  if (error.code === grpc.status.UNAVAILABLE) detail = `cannot reach the schedd at ${address} (${addressFile()}): ${reason(error.details)}${HINT}`;
  if (error.code === grpc.status.DEADLINE_EXCEEDED) {
    detail = `the schedd at ${address} did not answer within ${CALL_TIMEOUT_MILLIS / 1000} s`;
  }
  return new Failure(`${code}: ${detail}`);
}

function call(client, address, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + CALL_TIMEOUT_MILLIS }, (error, response) => {
      if (!error) return resolve(response);
      reject(failure(error, address));
    });
  });
}

function parseJob(definition, file) {
  const llsubmit = process.env.OPENLL_LLSUBMIT || path.join(ROOT, 'bin', 'llsubmit');
  const done = childProcess.spawnSync(llsubmit, ['--dry-run', file], { encoding: 'utf8' });
  if (done.error) throw new Failure(`cannot run ${llsubmit}: ${done.error.message}`);
  if (done.status !== 0) {
    const lines = done.stderr.trim().split('\n').filter(Boolean);
    throw new Failure(lines.length ? lines[lines.length - 1] : `llsubmit --dry-run exited ${done.status}`);
  }
  return fromJson(definition, 'openll.v1.JobSpec', JSON.parse(done.stdout));
}

// One WatchSteps stream: calls onEvent for each event until it returns a result, then cancels the
// stream and resolves with that result; rejects with the gRPC error when the stream breaks.
function followStream(client, address, request, onEvent) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const stream = client.WatchSteps(request);
    const settle = (action, value) => {
      if (settled) return;
      settled = true;
      stream.cancel(); // the CANCELLED error that follows is ignored: settled
      action(value);
    };
    stream.on('data', (event) => {
      try {
        const result = onEvent(event);
        if (result !== undefined) settle(resolve, result);
      } catch (error) {
        settle(reject, error);
      }
    });
    stream.on('error', (error) => settle(reject, error));
    stream.on('end', () => settle(reject, new Failure(`UNAVAILABLE: the schedd at ${address} ended the watch`)));
  });
}

// Follows Schedd.WatchSteps until every step of ids is terminal; prints each change. 0 if all
// Completed, else 3. When the stream breaks (UNAVAILABLE: the schedd stopped; RESOURCE_EXHAUSTED:
// this client fell behind) it reconnects once with the resume token of the last change it handled,
// so it misses nothing; a second break in a row is an error. A token the schedd no longer knows
// (FAILED_PRECONDITION) starts a fresh watch: its snapshot brings the current states, and only
// states that differ from the last printed ones are printed.
async function watch(client, address, ids) {
  const seen = new Map();
  let token = '';
  let mayReconnect = true;
  for (;;) {
    // a resumed stream has no snapshot: every event after the token is a change to check
    let complete = Boolean(token);
    const request = { ids, include_finished: true, resume_token: token };
    try {
      return await followStream(client, address, request, (event) => {
        mayReconnect = true;
        if (event.resume_token) token = event.resume_token;
        if (event.snapshot_complete) {
          complete = true;
          if (seen.size === 0) throw new Failure(`NOT_FOUND: no step matches ${ids.join(' ')}`);
        } else if (event.step) {
          const { step_id: stepId, state } = event.step;
          if (seen.get(stepId) !== state) {
            seen.set(stepId, state);
            console.log(`${stepId} ${state}`);
          }
        }
        const states = [...seen.values()];
        if (!complete || states.length === 0 || !states.every((s) => TERMINAL.has(s))) return undefined;
        console.log(`finished ${ids.join(' ')}`);
        return states.every((s) => s === 'STEP_STATE_COMPLETED') ? 0 : 3;
      });
    } catch (error) {
      if (error instanceof Failure) throw error;
      if (error.code === grpc.status.FAILED_PRECONDITION && token) {
        token = '';
      } else if ((error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.RESOURCE_EXHAUSTED)
          && mayReconnect) {
        mayReconnect = false;
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_PAUSE_MILLIS));
      } else {
        throw failure(error, address);
      }
    }
  }
}

function usage() {
  console.error(`usage: ${NAME} submit [--no-watch] FILE | watch ID | cancel ID...`);
  return 2;
}

async function run(args) {
  const [command, ...rest] = args;
  if (!['submit', 'watch', 'cancel'].includes(command)) return usage();
  const noWatch = command === 'submit' && rest.includes('--no-watch');
  const operands = rest.filter((a) => !(noWatch && a === '--no-watch'));
  if (operands.length === 0 || operands.some((a) => a.startsWith('--'))
      || (command !== 'cancel' && operands.length !== 1)) return usage();
  const { definition, Schedd } = loadApi();
  const address = scheddAddress();
  const client = new Schedd(address, channelCredentials());
  try {
    const user = os.userInfo().username;
    if (command === 'submit') {
      const job = parseJob(definition, operands[0]);
      const { job_id: jobId } = await call(client, address, 'SubmitJob', { job, owner: user });
      console.log(`submitted ${jobId}`);
      return noWatch ? 0 : await watch(client, address, [jobId]);
    }
    if (command === 'watch') return await watch(client, address, operands);
    const { step_ids: stepIds } = await call(client, address, 'CancelSteps', { ids: operands, requester: user });
    stepIds.forEach((id) => console.log(`cancelled ${id}`));
    return 0;
  } finally {
    client.close();
  }
}

run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
  if (!(error instanceof Failure)) throw error;
  console.error(`${NAME}: ${process.argv[2]}: ${error.message}`);
  process.exitCode = 1;
});
