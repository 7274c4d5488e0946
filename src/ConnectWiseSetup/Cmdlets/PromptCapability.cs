using System;
using System.Management.Automation.Host;
using System.Reflection;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Whether anyone can answer a prompt through a host: the one place the module decides between a guided step at a
    /// prompt and an unattended stop (Status ManualStepRequired, CwManualStepRequired). It follows PowerShell's own
    /// rules, read in PowerShell's source and tried in pwsh 7.6:
    /// <list type="bullet">
    /// <item>a host without a user interface: the default host of a hosted runspace, of Start-ThreadJob and of
    /// ForEach-Object -Parallel (its UI is null; the engine throws "the host does not support user interaction");</item>
    /// <item>a console started with -NonInteractive (the console host's ThrowOnReadAndPrompt flag: it prints the caption,
    /// the message and "User:", then throws on the read);</item>
    /// <item>a console whose standard input is redirected (the console then reads answers from that input, which ends:
    /// a scheduler, CI or an RMM agent, nobody at a keyboard);</item>
    /// <item>a background job (Start-Job: the server-mode process, -s): a prompt there blocks the job until someone runs
    /// Receive-Job;</item>
    /// <item>a process without an interactive desktop (Environment.UserInteractive false: a Windows service or a task
    /// run whether the user is logged on or not), as PowerShell's own UI check does.</item>
    /// </list>
    /// An interactive remote session (Enter-PSSession) can prompt: PowerShell forwards the prompt to the client.
    /// Reflection reads two internals (the runspace host's ExternalHost, the console UI's flag); each is guarded, and
    /// without them the public fallbacks decide (the host's name, the process's command line), so Windows PowerShell 5.1
    /// and later PowerShell versions get the same answer.
    /// </summary>
    internal static class PromptCapability
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        /// <summary>True when a person can answer a prompt through <paramref name="host"/>.</summary>
        public static bool CanPrompt(PSHost host) => ReasonNot(host) == null;

        /// <summary>Why nobody can answer a prompt through <paramref name="host"/> (for messages), or null when someone can.</summary>
        public static string ReasonNot(PSHost host)
            => ReasonNot(host, Environment.GetCommandLineArgs(), IsInputRedirected(), Environment.UserInteractive);

        /// <summary>The decision, given what the process shows (separate so tests can give each case).</summary>
        internal static string ReasonNot(PSHost host, string[] commandLine, bool inputRedirected, bool userInteractive)
        {
            if (host == null || host.UI == null) return "the PowerShell host has no user interface";
            var outer = ExternalHost(host) ?? host;
            var name = outer.Name ?? "";
            if (string.Equals(name, "Default Host", StringComparison.OrdinalIgnoreCase) || UiOf(outer) == null)
                return "the PowerShell host has no user interface, as in a hosted runspace, a thread job or ForEach-Object -Parallel";
            if (!userInteractive)
                return "the process has no interactive desktop (a service or a scheduled task)";
            if (string.Equals(name, "ServerRemoteHost", StringComparison.OrdinalIgnoreCase))
                return HasSwitch(commandLine, "servermode", "s") ? "it runs in a background job (Start-Job)" : null;
            if (!string.Equals(name, "ConsoleHost", StringComparison.OrdinalIgnoreCase)) return null;
            var flag = ConsoleThrowsOnPrompt(outer);
            if (flag ?? HasSwitch(commandLine, "noninteractive", "noni"))
                return "PowerShell was started with -NonInteractive";
            if (inputRedirected)
                return "the console's input is redirected (nobody at a keyboard)";
            return null;
        }

        /// <summary>
        /// True when the process's own PowerShell switches (before -File or -Command, whose arguments belong to the
        /// script) include <paramref name="name"/>, matched as pwsh does: '-', '--' or '/', any prefix of the name at
        /// least as long as <paramref name="shortest"/>, any case.
        /// </summary>
        internal static bool HasSwitch(string[] commandLine, string name, string shortest)
        {
            if (commandLine == null) return false;
            for (var i = 1; i < commandLine.Length; i++)
            {
                var arg = (commandLine[i] ?? "").Trim();
                if (arg.Length < 2 || !(arg[0] == '-' || arg[0] == '/' || arg[0] == '\u2013' || arg[0] == '\u2014')) continue;
                var key = arg.Substring(1);
                if (key.Length > 1 && key[0] == arg[0]) key = key.Substring(1);
                if (Matches(key, name, shortest)) return true;
                if (Matches(key, "file", "f") || Matches(key, "command", "c") || Matches(key, "encodedcommand", "e")
                    || key.Equals("ec", StringComparison.OrdinalIgnoreCase) || Matches(key, "commandwithargs", "cwa"))
                    return false;
            }
            return false;
        }

        static bool Matches(string key, string name, string shortest)
            => key.Length >= shortest.Length && name.StartsWith(key, StringComparison.OrdinalIgnoreCase);

        /// <summary>The host a cmdlet's Host wraps (the runspace's InternalHost keeps it internally), or null.</summary>
        static PSHost ExternalHost(PSHost host)
        {
            try { return host.GetType().GetProperty("ExternalHost", Instance)?.GetValue(host, null) as PSHost; }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return null; }
        }

        static PSHostUserInterface UiOf(PSHost host)
        {
            try { return host.UI; }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return null; }
        }

        /// <summary>The console UI's ThrowOnReadAndPrompt flag (set by -NonInteractive), or null when it cannot be read.</summary>
        static bool? ConsoleThrowsOnPrompt(PSHost console)
        {
            try
            {
                var ui = console.UI;
                if (ui == null) return null;
                // pwsh 7 names the field _throwOnReadAndPrompt; the Windows PowerShell 5.1 sources named it throwOnReadAndPrompt.
                var field = ui.GetType().GetField("_throwOnReadAndPrompt", Instance) ?? ui.GetType().GetField("throwOnReadAndPrompt", Instance);
                return field != null && field.FieldType == typeof(bool) ? (bool)field.GetValue(ui) : (bool?)null;
            }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return null; }
        }

        static bool IsInputRedirected()
        {
            try { return Console.IsInputRedirected; }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return false; }
        }
    }
}
