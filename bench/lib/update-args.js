/** The arguments of a non-interactive `update` run that prints its summary as JSON. */
export const updateArgs = (job, server, extra = []) => ['update', job.file, '-m', job.mapping, '--server', server.url, '--out', job.out, '--yes', '--json', '--quiet', ...extra];

/** Rows per second as the tool measured its own run (summary.json: from the job's start to its reports). */
export const toolRowsPerSecond = (summary) => summary.counts.updated / (summary.durationMs / 1000);
