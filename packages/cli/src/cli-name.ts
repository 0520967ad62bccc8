/**
 * The name a person typed to run the CLI, for hints they can copy: `./livedrops` from the
 * repository (the root script says so in LIVEDROPS_CLI), else `livedrops`.
 */
export const cliName = (env: NodeJS.ProcessEnv = process.env): string => env.LIVEDROPS_CLI || 'livedrops';
