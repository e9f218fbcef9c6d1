import { accessSync, constants } from 'node:fs';

/** Where a system Chromium (or Chrome) usually lives; the browser tests never download one. */
const knownLocations: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
};

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser the review page's tests drive: CHROMIUM_PATH when set (even if wrong, so a typo is
 * reported rather than silently replaced), else the first executable known location, else the
 * platform's usual one (reported missing by the prerequisite check).
 */
export function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const candidates = knownLocations[platform] ?? knownLocations.linux ?? [];
  return candidates.find(isExecutable) ?? candidates[0] ?? 'chromium';
}
