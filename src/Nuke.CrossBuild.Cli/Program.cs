using Nuke.CrossBuild.Cli;

return await CliApp.MainAsync(args).ConfigureAwait(false);
