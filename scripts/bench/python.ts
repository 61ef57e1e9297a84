/**
 * The bench's own Python: a venv in `build/bench-venv` with numpy and
 * opencv-python-headless, created and installed once (quietly) when missing,
 * then one `reference.py` process on the same masks as the TypeScript side,
 * driven pass by pass over stdin/stdout so its passes alternate with ours.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

/** The Python variants, each as mean µs per mask of one pass. */
export type PythonTimes = Record<
  'npZeros' | 'reference' | 'cv2Fresh' | 'cv2Reused',
  number
>;

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed: ${r.error ?? r.stderr.trim()}`
    );
  }
}

/** The venv's python, with numpy and cv2 importable; creates and fills the venv if needed. */
export function benchPython(repoRoot: string): string {
  const venv = path.join(repoRoot, 'build', 'bench-venv');
  const python =
    process.platform === 'win32'
      ? path.join(venv, 'Scripts', 'python.exe')
      : path.join(venv, 'bin', 'python');
  const ready = () =>
    fs.existsSync(python) &&
    spawnSync(python, ['-c', 'import numpy, cv2'], { stdio: 'ignore' })
      .status === 0;
  if (!ready()) {
    console.log(
      'Setting up build/bench-venv (numpy, opencv-python-headless), once…'
    );
    if (!fs.existsSync(python)) {
      run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
    }
    run(python, [
      '-m',
      'pip',
      'install',
      '-q',
      '--disable-pip-version-check',
      'numpy',
      'opencv-python-headless'
    ]);
    if (!ready()) {
      throw new Error(`numpy/cv2 still not importable with ${python}`);
    }
  }
  return python;
}

/** A running `reference.py`: one JSON line answers each command. */
export class ReferenceProcess {
  private readonly lines: AsyncIterableIterator<string>;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', chunk => (this.stderr += String(chunk)));
    this.lines = readline
      .createInterface({ input: child.stdout! })
      [Symbol.asyncIterator]();
  }

  /** Start `scripts/bench/reference.py` on the spec file; resolves with its versions. */
  static async start(
    repoRoot: string,
    python: string,
    specFile: string
  ): Promise<[ReferenceProcess, { numpy: string; cv2: string }]> {
    const script = path.join(repoRoot, 'scripts', 'bench', 'reference.py');
    const child = spawn(python, [script, specFile], {
      stdio: ['pipe', 'pipe', 'pipe']
    });
    const reference = new ReferenceProcess(child);
    return [reference, await reference.next()];
  }

  private async next<T>(): Promise<T> {
    const { value, done } = await this.lines.next();
    if (done) {
      throw new Error(`reference.py ended early: ${this.stderr.trim()}`);
    }
    return JSON.parse(value) as T;
  }

  /** Run one timed pass of every Python variant. */
  pass(): Promise<PythonTimes> {
    this.child.stdin!.write('pass\n');
    return this.next();
  }

  /** Close its stdin, which ends it (after `hashes` it has already ended). */
  stop(): void {
    this.child.stdin?.end();
  }

  /** The SHA-256 of the checked masks; ends the process. */
  hashes(): Promise<{ reference: string[]; cv2: string[] }> {
    this.child.stdin!.write('hashes\n');
    return this.next();
  }
}
