import { existsSync } from 'node:fs';
import { findNatsServerBinary, jupyterIsInstalled } from '@galley/testing';
import { runCommand } from './run-command';

/**
 * Every system (Debian) package Galley's tools can ask for, in one table: how to tell it is present
 * and which apt package provides it. A later need is one more row.
 */
const SYSTEM_PACKAGES = {
  'nats-server': {
    aptPackages: ['nats-server'],
    isPresent: () => findNatsServerBinary() !== null,
  },
  chromium: {
    aptPackages: ['chromium'],
    isPresent: () => existsSync('/usr/bin/chromium'),
  },
  // Notebooks: Debian's Jupyter Server (`jupyter-server` alone lacks the `jupyter` command) and the
  // Python kernel with what the `galley` helper reads datasets into.
  jupyter: {
    aptPackages: ['jupyter-server', 'jupyter-core', 'jupyter-client', 'python3-ipykernel', 'python3-pandas', 'python3-numpy'],
    isPresent: jupyterIsInstalled,
  },
} as const satisfies Record<string, { aptPackages: readonly string[]; isPresent: () => boolean }>;

export type SystemPackageName = keyof typeof SYSTEM_PACKAGES;

export const SYSTEM_PACKAGE_NAMES = Object.keys(SYSTEM_PACKAGES) as SystemPackageName[];

export class MissingSystemPackagesError extends Error {
  constructor(readonly aptPackages: readonly string[]) {
    super(
      `Missing system package${aptPackages.length === 1 ? '' : 's'}: ${aptPackages.join(', ')}. ` +
        `Install ${aptPackages.length === 1 ? 'it' : 'them'} with:\n  ${installCommandForHumans(aptPackages)}`,
    );
    this.name = 'MissingSystemPackagesError';
  }
}

/** The command a non-root user is told to run. */
export function installCommandForHumans(aptPackages: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${aptPackages.join(' ')}`;
}

/** The apt packages to install for the names whose check failed, without duplicates, in table order. */
export function aptPackagesFor(missing: readonly SystemPackageName[]): string[] {
  return [...new Set(missing.flatMap((name) => SYSTEM_PACKAGES[name].aptPackages))];
}

export function missingSystemPackages(names: readonly SystemPackageName[]): SystemPackageName[] {
  return [...new Set(names)].filter((name) => !SYSTEM_PACKAGES[name].isPresent());
}

export interface EnsureSystemPackagesOptions {
  log?: (line: string) => void;
  /** Defaults to whether this process runs as root. */
  isRoot?: boolean;
}

let aptUpdated = false;

/**
 * Makes sure the named system packages are installed: installs the missing ones with apt-get when
 * running as root, otherwise throws a MissingSystemPackagesError naming the exact command to run.
 */
export async function ensureSystemPackages(
  names: readonly SystemPackageName[],
  options: EnsureSystemPackagesOptions = {},
): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const missing = missingSystemPackages(names);
  if (missing.length === 0) return;
  const aptPackages = aptPackagesFor(missing);
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  if (!isRoot) throw new MissingSystemPackagesError(aptPackages);

  // DPkg::Lock::Timeout: at boot an unattended upgrade may hold the dpkg lock for a while.
  const apt = ['-o', 'DPkg::Lock::Timeout=600'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log(`Installing ${aptPackages.join(', ')}: apt-get update …`);
    const update = await runCommand('apt-get', [...apt, 'update'], { env });
    if (update.exitCode !== 0) throw new Error(`apt-get update failed (exit ${update.exitCode})`);
    aptUpdated = true;
  }
  log(`apt-get install ${aptPackages.join(' ')} …`);
  const install = await runCommand('apt-get', [...apt, 'install', '-y', '--no-install-recommends', ...aptPackages], { env });
  if (install.exitCode !== 0) throw new Error(`apt-get install ${aptPackages.join(' ')} failed (exit ${install.exitCode})`);

  const stillMissing = missingSystemPackages(missing);
  if (stillMissing.length > 0) {
    throw new Error(`apt-get installed ${aptPackages.join(', ')} but ${stillMissing.join(', ')} still cannot be found`);
  }
}
