using Nuke.CrossBuild.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
