using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>GuideParser: facts gathered into rows and allow-lists, and the lines nobody read that look like permissions.</summary>
    internal sealed partial class GuideParser
    {
        /// <summary>At most this many footnotes are matched to rows (a guide has a handful; the bound keeps the pass linear).</summary>
        const int MaxFootnotes = 20;

        static readonly Regex FootnoteLine = new Regex(@"^\s*(?<mark>\*{1,2}|\u2020|\u2021|\u00B9|\u00B2|\u00B3)\s*(?<text>.+)$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Footnotes that make rows optional ("* needed only if you use the Invoices tab"): they reach the rows whose name
        /// carries their mark ("Finance* Invoicing"), else the row written just above them. Those levels become conditional.
        /// </summary>
        void ApplyFootnotes()
        {
            var done = 0;
            foreach (var line in _lines)
            {
                if (done >= MaxFootnotes) break;
                _cancel.ThrowIfCancellationRequested();
                var m = FootnoteLine.Match(line.Raw.Length > GuideLine.MaxChars ? line.Raw.Substring(0, GuideLine.MaxChars) : line.Raw);
                if (!m.Success || !Cue.IsMatch(m.Groups["text"].Value) || GuidePhrases.Phrase.IsMatch(line.Text)) continue;
                done++;
                var mark = m.Groups["mark"].Value;
                var condition = ConditionText(GuideLine.Clean(m.Groups["text"].Value));
                var marked = new Regex(@"(?<=[A-Za-z\)])" + Regex.Escape(mark) + @"(?![\*\w])", RegexOptions.CultureInvariant);
                var reached = _facts.Where(f => f.Condition == null && f.Lines.Any(n => n != line.Number && marked.IsMatch(_lines[n - 1].Raw))).ToList();
                if (reached.Count == 0)
                {
                    // No name carries the mark: the footnote under a row is that row's.
                    var above = _facts.Where(f => f.Lines.Max() < line.Number).OrderByDescending(f => f.Lines.Max()).FirstOrDefault();
                    if (above != null && line.Number - above.Lines.Max() <= 4)
                        reached = _facts.Where(f => f.Function == above.Function && f.Condition == null && f.Lines.Max() < line.Number).ToList();
                }
                if (reached.Count == 0) continue;
                foreach (var f in reached) f.Condition = condition;
                _used.Add(line.Number);
            }
        }

        void BuildRows()
        {
            ApplyFootnotes();
            foreach (var group in _facts.GroupBy(f => f.Function))
            {
                _cancel.ThrowIfCancellationRequested();
                var all = group.ToList();
                // Levels under a condition ("if you use invoices") are never merged into the levels the guide requires: a row
                // only conditions reach is an optional row; a condition's levels beyond a required row's are reported.
                var required = all.Where(f => f.Condition == null).ToList();
                var facts = required.Count > 0 ? required : all;
                var levels = Levels(group.Key, facts);
                var condition = required.Count > 0 ? null : string.Join("; ", all.Select(f => f.Condition).Distinct());
                if (condition != null)
                    _report.Conditional.Add("conditional: " + group.Key + ": " + condition);
                else
                {
                    foreach (var extra in all.Where(f => f.Condition != null).GroupBy(f => f.Condition))
                    {
                        var more = Enumerable.Range(0, 4).Where(c => extra.Any(f => f.Levels[c].HasValue && f.Levels[c].Value > levels[c])).ToList();
                        if (more.Count == 0) continue;
                        _report.Conditional.Add("conditional: " + group.Key + ": " + extra.Key + " (" +
                                                string.Join(", ", more.Select(c => PermissionLevels.Names[c] + " " + extra.Where(f => f.Levels[c].HasValue).Max(f => f.Levels[c].Value))) +
                                                ", line " + GuideLines.Format(extra.SelectMany(f => f.Lines)) + "; not in the row's required levels)");
                    }
                }
                // Read as written, but a role that may add, change or delete what it cannot see is rarely what a guide means
                // (a table whose cells moved, a missing column): said, not corrected.
                if (levels[3] == PermissionLevel.None && (levels[0] != PermissionLevel.None || levels[1] != PermissionLevel.None || levels[2] != PermissionLevel.None))
                    _report.Doubts.Add(group.Key + " (line " + GuideLines.Format(facts.SelectMany(f => f.Lines)) + ") is read as Add " + levels[0] + ", Edit " + levels[1] + ", Delete " + levels[2] +
                                       " with Inquire None, as the guide writes it; check the guide's columns.");
                var marks = facts.Where(f => f.Marks != null).ToList();
                if (marks.Count > 0)
                    _report.Doubts.Add(group.Key + " (line " + GuideLines.Format(marks.SelectMany(f => f.Lines)) + "): the guide marks a level with " + string.Join(", ", marks.Select(f => f.Marks).Distinct()) +
                                       ", not None, My or All; read as All.");
                var notes = facts.Select(f => f.Note).Where(n => n != null).Distinct().ToList();
                _report.Rows.Add(new GuideRow
                {
                    Module = group.Key.Module,
                    Function = group.Key.Function,
                    Add = levels[0], Edit = levels[1], Delete = levels[2], Inquire = levels[3],
                    Lines = facts.SelectMany(f => f.Lines).Distinct().OrderBy(n => n).ToList(),
                    Shape = facts.Any(f => f.Shape == GuideShape.ProseList) ? GuideShape.ProseList : facts[0].Shape,
                    Note = notes.Count == 0 ? null : string.Join("; ", notes),
                    Condition = condition,
                });
            }
        }

        /// <summary>The four levels the facts give a row: the wider where two differ (a conflict, reported); None where none is stated.</summary>
        PermissionLevel[] Levels(ModuleFunction function, List<Fact> facts)
        {
            var levels = new PermissionLevel[4];
            for (var c = 0; c < 4; c++)
            {
                var stated = facts.Where(f => f.Levels[c].HasValue).Select(f => (Level: f.Levels[c].Value, f.Lines)).ToList();
                var distinct = stated.Select(s => s.Level).Distinct().ToList();
                if (distinct.Count > 1)
                    _report.Conflicts.Add(function + ": the guide gives " + PermissionLevels.Names[c] + " as " +
                                          string.Join(" and ", stated.Select(s => s.Level + " (line " + GuideLines.Format(s.Lines) + ")")) +
                                          "; the profile takes the wider, " + distinct.Max() + ".");
                levels[c] = distinct.Count == 0 ? PermissionLevel.None : distinct.Max();
            }
            return levels;
        }

        void BuildCustomize()
        {
            // "Customize:" with nothing after it that could be read (the list was a picture, or lost when copied).
            var listed = new HashSet<(ModuleFunction, int)>(_customize.SelectMany(c => c.Lines.Select(n => (c.Function, n))));
            foreach (var (function, mark) in _customizeMarks)
            {
                _cancel.ThrowIfCancellationRequested();
                if (!listed.Contains((function, mark)))
                    Unread(new[] { mark }, "a Customize remark for " + function + " with no allow-list after it that the module can read");
            }
            foreach (var c in _customize)
            {
                if (c.Disallow)
                {
                    Unread(c.Lines, "items to move to the Disallow side of " + c.Function + "'s Customize list (" + string.Join(", ", c.Items) +
                                    "): a profile keeps allow-lists only, so these are not read; refuse them by hand");
                    continue;
                }
                if (!_report.Rows.Any(r => r.Module == c.Function.Module && r.Function == c.Function.Function))
                {
                    Unread(c.Lines, "a Customize allow-list for " + c.Function + ", but the guide gives that row no level");
                    continue;
                }
                if (!c.AllowAll && c.Items.Count == 0)
                {
                    Unread(c.Lines, "a Customize allow-list for " + c.Function + " without items");
                    continue;
                }
                if (c.AllowAll && c.Items.Count > 0)
                    _report.Conflicts.Add(c.Function + ": the guide allows all of its Customize list (line " + GuideLines.Format(c.Lines) + ") and lists items; the profile allows all.");
                _report.Customize.Add(new CustomizeRequirement
                {
                    Module = c.Function.Module,
                    Function = c.Function.Function,
                    List = c.Function.CustomizeList,
                    AllowAll = c.AllowAll,
                    Allow = c.AllowAll ? new List<string>() : c.Items.ToList(),
                    Lines = c.Lines.Distinct().OrderBy(n => n).ToList(),
                });
            }
        }

        /// <summary>Lines nobody read that look like permissions: a level column, a named row with a level or with words of access, a listed row.</summary>
        void FindUnread()
        {
            foreach (var line in _lines)
            {
                _cancel.ThrowIfCancellationRequested();
                if (line.IsBlank || line.IsSeparator || _used.Contains(line.Number) || _reported.Contains(line.Number)) continue;
                var text = line.Text;
                var mentioned = GuideLabel.Mentioned(text);
                var named = mentioned.Count > 0 ? " names " + string.Join(", ", mentioned.Take(3)) : "";
                if (GuidePhrases.MentionsColumn.IsMatch(text))
                    Unread(line, (named.Length > 0 ? named.Substring(1) + " and " : "") + "speaks of a level column, but gives no level the module can read (None, My or All)");
                else if (mentioned.Count > 0 && GuidePhrases.MentionsLevel.IsMatch(text) && (GuidePhrases.MentionsAccess.IsMatch(text) || _tableLines.Contains(line.Number) || GuideLine.Words(text) <= 12))
                    Unread(line, named.Substring(1) + " with a level, but does not say which of Add, Edit, Delete or Inquire");
                else if (mentioned.Count > 0 && GuidePhrases.MentionsAccess.IsMatch(text) && GuideLine.Words(text) <= 25)
                    Unread(line, named.Substring(1) + " and access, but no level");
                else if (NamesARow(line, out var what))
                    Unread(line, "names " + what + " without a level");
            }
        }

        /// <summary>A list item or short line that names a module or row (and nothing else): "- Companies", "- Finance / Agreements &amp; Additions".</summary>
        bool NamesARow(GuideLine line, out string what)
        {
            what = null;
            var text = line.Text;
            if (line.Cells != null)
            {
                // A table row naming a row of the catalogue that nothing read (no level cell, or a header not understood).
                var rows = ItemRows(line, null, out _, out _);
                if (rows.Count > 0) { what = rows[0].ToString(); return true; }
                return false;
            }
            if (GuideLine.Words(text) > 8) return false;
            if (text.Length == 0 || !char.IsUpper(text[0])) return false;
            var whole = GuideLabel.Resolve(text, null);
            // A short line naming a row alone: a table's cell, or a "Module > Function" heading, with no level after it.
            if (whole.Function != null && (line.IsBullet || _tableLines.Contains(line.Number) || text.IndexOf('>') > 0)) { what = whole.Function.ToString(); return true; }
            if (!line.IsBullet) return false;
            if (whole.IsModuleOnly) { what = whole.Module; return true; }
            var lead = Regex.Split(text, @"\s*(?:/|>|:|\s-\s|\u2013)\s*")[0];
            var first = GuideLabel.Resolve(lead, null);
            if (first.Function != null) { what = first.Function.ToString(); return true; }
            if (first.IsModuleOnly) { what = first.Module + " (" + GuideLabel.Clean(text) + ")"; return true; }
            return false;
        }
    }
}
