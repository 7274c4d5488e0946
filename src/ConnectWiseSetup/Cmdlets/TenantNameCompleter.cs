using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Tab completion from the tenant (role names, API member identifiers). The names come from -Connection when it
    /// is already typed, else the session's current connection; they are cached per connection for
    /// <see cref="TenantNameCache.TimeToLive"/>, and a Tab never waits more than <see cref="TenantNameCache.PromptBudget"/>:
    /// on timeout or error it offers nothing (the read goes on in the background and fills the cache for the next Tab).
    /// </summary>
    public abstract class TenantNameCompleter : IArgumentCompleter
    {
        internal abstract string Kind { get; }
        internal abstract Task<IReadOnlyList<(string Name, string Tip)>> ReadAsync(ManageClient client, CancellationToken ct);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = ConnectionOf(fakeBoundParameters) ?? CwSession.Current.Connection;
                if (connection == null || !connection.IsOpen) return Array.Empty<CompletionResult>();
                var names = TenantNameCache.Get(connection, Kind, ReadAsync);
                var word = (wordToComplete ?? "").Trim('\'', '"');
                var pattern = new WildcardPattern(WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
                return names.Where(n => pattern.IsMatch(n.Name))
                    .Select(n => new CompletionResult(Quote(n.Name), n.Name, CompletionResultType.ParameterValue, string.IsNullOrEmpty(n.Tip) ? n.Name : n.Tip))
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt.
                return Array.Empty<CompletionResult>();
            }
        }

        static CwConnection ConnectionOf(IDictionary bound)
        {
            if (bound == null || !bound.Contains("Connection")) return null;
            var v = bound["Connection"];
            return (v is PSObject p ? p.BaseObject : v) as CwConnection;
        }

        /// <summary>A name as it must be typed: quoted when it holds a space or another character PowerShell would split on.</summary>
        internal static string Quote(string name) =>
            name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.') && !char.IsDigit(name[0]) && name[0] != '-'
                ? name
                : "'" + name.Replace("'", "''") + "'";
    }

    /// <summary>Role names for -Role, -ReferenceRole, -SecurityRole and Get-CwSecurityRole -Name.</summary>
    public sealed class SecurityRoleNameCompleter : TenantNameCompleter
    {
        internal override string Kind => "roles";

        internal override async Task<IReadOnlyList<(string Name, string Tip)>> ReadAsync(ManageClient client, CancellationToken ct)
        {
            var roles = await client.GetListAsync<SecurityRole>(RoleLookup.RolesPath,
                new ListQuery { Fields = new[] { "id", "name" }, OrderBy = "name" }, ct).ConfigureAwait(false);
            return roles.Where(r => !string.IsNullOrEmpty(r.Name)).Select(r => (r.Name, r.Name + " (id " + r.Id + ")")).ToList();
        }
    }

    /// <summary>API member identifiers for -ApiMember and Get-CwApiMember -Identifier.</summary>
    public sealed class ApiMemberIdentifierCompleter : TenantNameCompleter
    {
        internal override string Kind => "apiMembers";

        internal override async Task<IReadOnlyList<(string Name, string Tip)>> ReadAsync(ManageClient client, CancellationToken ct)
        {
            var members = await client.GetListAsync<ApiMember>(MemberLookup.MembersPath,
                new ListQuery { Fields = new[] { "id", "identifier", "name", "inactiveFlag" }, OrderBy = "identifier" }, ct).ConfigureAwait(false);
            return members.Where(m => !string.IsNullOrEmpty(m.Identifier))
                .Select(m => (m.Identifier, m.Identifier + " (" + m.Name + (m.InactiveFlag ? ", inactive" : "") + ")")).ToList();
        }
    }

    /// <summary>Names read for completion, per connection and kind, with a short life and a bounded wait.</summary>
    internal sealed class TenantNameCache
    {
        internal static TimeSpan TimeToLive = TimeSpan.FromSeconds(60);
        internal static TimeSpan PromptBudget = TimeSpan.FromSeconds(2);
        /// <summary>The most a background read may take (it goes on after the prompt stopped waiting).</summary>
        internal static TimeSpan ReadLimit = TimeSpan.FromSeconds(15);

        static readonly ConditionalWeakTable<CwConnection, TenantNameCache> Caches = new ConditionalWeakTable<CwConnection, TenantNameCache>();

        readonly object _gate = new object();
        readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        sealed class Entry
        {
            public Task<IReadOnlyList<(string, string)>> Read;
            public DateTime ReadAt;
        }

        public static IReadOnlyList<(string Name, string Tip)> Get(CwConnection connection, string kind,
            Func<ManageClient, CancellationToken, Task<IReadOnlyList<(string Name, string Tip)>>> read)
        {
            var cache = Caches.GetValue(connection, _ => new TenantNameCache());
            Task<IReadOnlyList<(string, string)>> task;
            lock (cache._gate)
            {
                var now = DateTime.UtcNow;
                if (!cache._entries.TryGetValue(kind, out var e)
                    || e.Read.IsFaulted || e.Read.IsCanceled
                    || (e.Read.IsCompleted && now - e.ReadAt > TimeToLive))
                {
                    var cts = new CancellationTokenSource(ReadLimit);
                    e = new Entry { ReadAt = now };
                    var entry = e;
                    e.Read = Task.Run(async () =>
                    {
                        try { return await read(connection.Client, cts.Token).ConfigureAwait(false); }
                        finally { entry.ReadAt = DateTime.UtcNow; cts.Dispose(); }
                    });
                    cache._entries[kind] = e;
                }
                task = e.Read;
            }
            try
            {
                return task.Wait(PromptBudget) ? task.Result : Array.Empty<(string, string)>();
            }
            catch (AggregateException)
            {
                return Array.Empty<(string, string)>();
            }
        }

        /// <summary>Forgets every cached name (tests).</summary>
        internal static void Clear(CwConnection connection) => Caches.Remove(connection);
    }
}
