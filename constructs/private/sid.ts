// Policy statement ids from spec names: `acme-s3` -> `AcmeS3` (sids are alphanumeric).

export function sidFromName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}
