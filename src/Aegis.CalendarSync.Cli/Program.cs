using Aegis.CalendarSync.Cli;

return await AdminCli.RunAsync(args, AdminConsole.System);
