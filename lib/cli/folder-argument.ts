/**
 * The one argument of `npm run backup` and `npm run restore`: a folder. Prints the usage for --help
 * (exit 0) or a usage mistake (exit 2); otherwise gives the folder.
 */
export function folderArgument(args: string[], usage: string, whenMissing: string): { folder: string } | { exitCode: number } {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return { exitCode: 0 };
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(`${args.length === 0 ? whenMissing : `Unexpected arguments: ${args.join(' ')}`}\n\n${usage}`);
    return { exitCode: 2 };
  }
  return { folder: args[0]! };
}
