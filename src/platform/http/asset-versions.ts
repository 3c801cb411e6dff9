/**
 * The built assets' content hashes, so pages can link `/assets/app.css?v=<hash>`: a URL that
 * names its content may be cached for a year (`immutable`), and a new build is a new URL.
 * Filled by the asset routes when they load the build; without it links stay unversioned.
 */
const versions = new Map<string, string>();

export function setAssetVersion(file: string, version: string): void {
  versions.set(file, version);
}

export function assetVersion(file: string): string | undefined {
  return versions.get(file);
}

/** The URL of a built asset, versioned by its content when the build is loaded. */
export function assetUrl(file: string): string {
  const version = versions.get(file);
  return version ? `/assets/${file}?v=${version}` : `/assets/${file}`;
}
