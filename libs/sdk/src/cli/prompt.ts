import { createInterface } from 'node:readline';

/** Asks for one line of visible input. */
export async function promptLine(question: string, input = process.stdin, output = process.stderr): Promise<string> {
  const rl = createInterface({ input, output, terminal: Boolean(input.isTTY) });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/**
 * Asks for a secret without echoing it. On a terminal the keys are read raw; from a pipe the first
 * line is taken as is, so `echo "$PW" | galley login` works in scripts.
 */
export async function promptSecret(question: string, input = process.stdin, output = process.stderr): Promise<string> {
  if (!input.isTTY) return promptLine(question, input, output);
  output.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let secret = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n' || char === '\u0004') {
            input.off('data', onData);
            resolve(secret);
            return;
          }
          if (char === '\u0003') {
            input.off('data', onData);
            reject(new Error('cancelled'));
            return;
          }
          if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1);
          else secret += char;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    output.write('\n');
  }
}
