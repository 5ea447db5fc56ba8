// Real traffic for the tests that check a verdict against what the kernel does: an HTTP GET with
// curl (refused and silently dropped told apart), or busybox nc from inside a container.
import { docker } from './docker';

export type Traffic = 'answered' | 'refused' | 'timeout' | 'no answer' | 'error';

/** curl's exit code: 7 refused, 28 timed out. */
function outcome(err: unknown): Traffic {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : null;
  return code === 7 ? 'refused' : code === 28 ? 'timeout' : 'error';
}

/** An HTTP GET with curl, run by `run` (in some netns); the page must say dne-ok. */
export async function curl(run: (argv: string[]) => Promise<string>, host: string, port: number): Promise<Traffic> {
  try {
    const body = await run(['curl', '-s', '--max-time', '2', `http://${host}:${port}/`]);
    return body.includes('dne-ok') ? 'answered' : 'error';
  } catch (err) {
    return outcome(err);
  }
}

/** From a container, with busybox nc (it does not tell a refusal from a timeout). */
export async function ncFrom(container: string, host: string, port: number): Promise<Traffic> {
  const body = await docker(
    'exec',
    container,
    'sh',
    '-c',
    `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${host} ${port}; echo rc=$?`,
  ).catch(() => '');
  return body.includes('dne-ok') ? 'answered' : 'no answer';
}
