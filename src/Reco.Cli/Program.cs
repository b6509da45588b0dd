using Reco.Cli;

return await RecoCommandLine.InvokeAsync(args);
