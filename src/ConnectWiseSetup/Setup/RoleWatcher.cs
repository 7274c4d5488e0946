using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>Where a watch stands after a poll: rows done of rows to do.</summary>
    internal sealed class RoleWatchProgress
    {
        public int Poll { get; set; }
        public int RowsDone { get; set; }
        public int RowsToDo { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>The time left before the watch gives up (its timeout less the time spent).</summary>
        public TimeSpan TimeLeft { get; set; }
        /// <summary>Between two looks at the role: the time until the next (a countdown told once a second); null right after a look.</summary>
        public TimeSpan? NextLookIn { get; set; }
        public PermissionComparison Comparison { get; set; }

        /// <summary>The progress bar for this point: "3 of 7 rows set", the countdown to the next look, the time left.</summary>
        public System.Management.Automation.ProgressRecord ToProgressRecord(int activityId, string activity)
            => new System.Management.Automation.ProgressRecord(activityId, activity, RowsDone + " of " + RowsToDo + " rows set")
            {
                PercentComplete = RowsToDo == 0 ? 100 : Math.Min(100, RowsDone * 100 / RowsToDo),
                CurrentOperation = NextLookIn.HasValue
                    ? "next look at the role in " + Seconds(NextLookIn.Value) + " s (" + Poll + " look(s) so far)"
                    : "look " + Poll + ", " + (int)Elapsed.TotalSeconds + " s",
                SecondsRemaining = Math.Max(0, (int)Math.Ceiling(TimeLeft.TotalSeconds)),
            };

        static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));
    }

    /// <summary>How a watch ended.</summary>
    internal sealed class RoleWatchResult
    {
        /// <summary>The level grid is exactly what is wanted.</summary>
        public bool Done { get; set; }
        public int Polls { get; set; }
        public TimeSpan Elapsed { get; set; }
        public PermissionComparison Comparison { get; set; }
    }

    /// <summary>
    /// Watches a role's permission grid until it matches what is wanted, while a person sets it in the web
    /// UI (the API cannot write it). <see cref="CompareAsync"/> reads every row once (labels and levels);
    /// each poll after that is ONE small request (only id and the four levels of each row), merged into
    /// the rows read first and compared with <see cref="PermissionDiff"/>. Customize lists are not
    /// watched: they cannot be read for another member's role (Unverified).
    /// </summary>
    internal sealed class RoleWatcher
    {
        readonly ManageClient _client;
        readonly IReadOnlyList<PermissionRequirement> _wanted;
        readonly IReadOnlyList<CustomizeRequirement> _wantedCustomize;
        List<SecurityRoleSetting> _rows;
        HashSet<int> _toDo = new HashSet<int>();

        public RoleWatcher(ManageClient client, int roleId, IReadOnlyList<PermissionRequirement> wanted, IReadOnlyList<CustomizeRequirement> wantedCustomize = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            RoleId = roleId;
            _wanted = wanted ?? throw new ArgumentNullException(nameof(wanted));
            _wantedCustomize = wantedCustomize ?? Array.Empty<CustomizeRequirement>();
        }

        public RoleWatcher(ManageClient client, int roleId, PermissionProfile profile)
            : this(client, roleId, profile?.Permissions ?? throw new ArgumentNullException(nameof(profile)), profile.Customize) { }

        public int RoleId { get; }

        /// <summary>The last comparison (null before <see cref="CompareAsync"/>).</summary>
        public PermissionComparison Current { get; private set; }

        /// <summary>Reads every row (one paged list call) and compares; the rows that differ now are the rows to do.</summary>
        public async Task<PermissionComparison> CompareAsync(CancellationToken ct)
        {
            var rows = await RoleSettings.ReadAsync(_client, RoleId, ct).ConfigureAwait(false);
            _rows = rows.ToList();
            Current = Diff();
            _toDo = new HashSet<int>(Current.ToChange.Select(r => r.SettingId));
            return Current;
        }

        /// <summary>One request: the levels of every row, merged into the rows read by <see cref="CompareAsync"/>.</summary>
        public async Task<PermissionComparison> PollAsync(CancellationToken ct)
        {
            if (_rows == null) throw new InvalidOperationException("CompareAsync first.");
            var levels = await RoleSettings.ReadLevelsAsync(_client, RoleId, ct).ConfigureAwait(false);
            var byId = levels.GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.First());
            foreach (var row in _rows)
            {
                if (!byId.TryGetValue(row.Id, out var l)) continue;
                row.AddLevel = l.AddLevel;
                row.EditLevel = l.EditLevel;
                row.DeleteLevel = l.DeleteLevel;
                row.InquireLevel = l.InquireLevel;
            }
            Current = Diff();
            return Current;
        }

        /// <summary>
        /// Polls every <paramref name="pollInterval"/> until the levels match or <paramref name="timeout"/> passes
        /// (measured from the call); reports after each poll. Cancellation ends the wait at once.
        /// </summary>
        public async Task<RoleWatchResult> WaitAsync(TimeSpan pollInterval, TimeSpan timeout, Action<RoleWatchProgress> progress, CancellationToken ct)
        {
            if (Current == null) await CompareAsync(ct).ConfigureAwait(false);
            if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval));
            pollInterval = WatchPace.Paced(_client, pollInterval);
            var clock = Stopwatch.StartNew();
            var polls = 0;
            while (!Current.RowsMatch)
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) break;
                // The poll that falls due at the timeout is the last one: without this, timer slack can leave a
                // sliver of time and a second poll a millisecond later, which costs a request and tells nothing new.
                var last = left <= pollInterval;
                await CountDownAsync(last ? left : pollInterval, timeout, polls, clock, progress, ct).ConfigureAwait(false);
                await PollAsync(ct).ConfigureAwait(false);
                polls++;
                var after = Progress(polls, clock.Elapsed);
                after.TimeLeft = timeout - clock.Elapsed;
                progress?.Invoke(after);
                if (last) break;
            }
            return new RoleWatchResult { Done = Current.RowsMatch, Polls = polls, Elapsed = clock.Elapsed, Comparison = Current };
        }

        /// <summary>
        /// Waits <paramref name="wait"/> before the next look. A wait longer than 2 s is told once a second (the countdown to the next look
        /// and the time left), never a blank wait; a shorter one is one delay (a fast poll reports after each look only).
        /// </summary>
        async Task CountDownAsync(TimeSpan wait, TimeSpan timeout, int polls, Stopwatch clock, Action<RoleWatchProgress> progress, CancellationToken ct)
        {
            if (wait <= TimeSpan.FromSeconds(2) || progress == null)
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
                return;
            }
            var due = clock.Elapsed + wait;
            while (true)
            {
                var toGo = due - clock.Elapsed;
                if (toGo <= TimeSpan.Zero) return;
                var now = Progress(polls, clock.Elapsed);
                now.NextLookIn = toGo;
                now.TimeLeft = timeout - clock.Elapsed;
                progress(now);
                await Task.Delay(toGo < TimeSpan.FromSeconds(1) ? toGo : TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }

        /// <summary>Rows done of the rows that differed at <see cref="CompareAsync"/>.</summary>
        public RoleWatchProgress Progress(int poll, TimeSpan elapsed)
        {
            var stillToDo = new HashSet<int>(Current.ToChange.Select(r => r.SettingId));
            return new RoleWatchProgress
            {
                Poll = poll,
                RowsToDo = _toDo.Count,
                RowsDone = _toDo.Count(id => !stillToDo.Contains(id)),
                Elapsed = elapsed,
                Comparison = Current,
            };
        }

        PermissionComparison Diff() => PermissionDiff.Compare(_wanted, _wantedCustomize, _rows, null);
    }
}
