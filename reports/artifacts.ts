/**
 * @module Artifact paths as links. Artifacts are files beside the report, so only relative paths
 * qualify: anything with a scheme (`javascript:`, `http:`) or a leading slash is dropped rather than
 * turned into a link or an attachment.
 */

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

export function isSafeArtifactPath(path: string): boolean {
  const normal = path.replace(/\\/g, '/');
  return normal !== '' && !/^[a-z][a-z\d+.-]*:/i.test(normal) && !normal.startsWith('/');
}

/** A relative href with each segment percent-encoded, so `#`, `?` and spaces stay part of the path. */
export function artifactHref(path: string): string | undefined {
  if (!isSafeArtifactPath(path)) return undefined;
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

export function isImageArtifact(path: string): boolean {
  return IMAGE.test(path);
}
