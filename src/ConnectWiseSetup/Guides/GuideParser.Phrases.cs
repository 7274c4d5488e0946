using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>GuideParser: level phrases ("Inquire Level = All", "Add/Edit/Inquire (All)", "set ... for: X, Y") and a level stated once for the list that follows.</summary>
    internal sealed partial class GuideParser
    {
        static readonly Regex TargetList = new Regex(@"^\s*(?:(?:for|on|under|in)\b|[-\u2013\u2014:](?=\s))\s*(?<rest>.*)$", Opt);
        static readonly Regex ListLead = new Regex(@"^(?:(?:each|all)\s+of\s+)?(?:the\s+following|these|those|below)(?:\s+(?:functions?|rows?|permissions?|items?|modules?|areas?|security\s+modules?))?\s*:?\s*", Opt);

        /// <summary>
        /// "Company Maintenance Inquire Level = All", "Contacts: Add/Edit/Inquire (All)", "Inquire - All" (under a heading),
        /// "set Inquire Level to All for: X, Y of the Z module", "Inquire Level All on the following:" (a list follows).
        /// </summary>
        bool ReadPhrases(GuideLine line, string text)
        {
            text = GuidePhrases.Canonical(text);
            var matches = GuidePhrases.Phrase.Matches(text).Cast<Match>().ToList();
            var around = matches.Count == 0 ? GuidePhrases.PhraseAround.Match(text) : Match.Empty;
            if (matches.Count == 0 && !around.Success) return false;
            EndRow();
            _used.Add(line.Number);
            _idle = 0;
            // "Do not give the role Delete Level All", "Service Tickets do not need Add Level All": a level the sentence
            // says not to give is no statement; the line is reported, nothing on it read.
            var negation = (around.Success ? new[] { around } : matches.ToArray()).Select(m => Negated(text, m)).FirstOrDefault(n => n != null);
            if (negation != null)
            {
                if (!_reported.Contains(line.Number)) Unread(line, "a level in a sentence that says not to give it ('" + negation + "'): not read");
                return true;
            }

            if (around.Success)
            {
                var label = GuideLabel.Resolve(around.Groups["target"].Value, _module);
                var level = Level(around);
                if (label.Function == null) { Unknown(line.Number, GuideLabel.Clean(around.Groups["target"].Value)); return true; }
                AddFact(new[] { label.Function }, GuidePhrases.ColumnsIn(around.Groups["cols"].Value), level, new[] { line.Number }, GuideShape.LevelPhrase, null);
                return true;
            }

            var tail = text.Substring(matches[matches.Count - 1].Index + matches[matches.Count - 1].Length);
            var tailTargets = TargetsIn(tail, line, out var listFollows);
            var note = tailTargets == null && !listFollows ? Note(tail) : null;

            // "Agreements also need Add Level All if you bill additions": the line's own condition (a list intro's is the list's).
            _lineCondition = Cue.IsMatch(text) && !listFollows && !line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal) && !line.IsHeading
                ? (ConditionText(line.Text), line.Number) : ((string, int)?)null;
            var closes = Closer.IsMatch(text) && _block.Count > 0 && !listFollows && !line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal);
            var closed = false;
            var inherited = false;
            List<ModuleFunction> previous = null;
            var unnamed = false;   // the first phrase's label names no row: later phrases of the line have none either
            var start = 0;
            var pendingIntro = new List<(List<int>, PermissionLevel)>();
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                var written = text.Substring(start, m.Index - start);
                // A remark in brackets between two phrases of a row ("Edit Level to All (we may edit later), Inquire ...") names nothing.
                var between = i > 0 && Remark.IsMatch(written) ? " " : Instruction(written);
                start = m.Index + m.Length;
                // "Set Inquire level to All for the following ... functions:": a level for the list that follows.
                // A heading that states a level ("### Delete Level set to All") governs its section; a line that is only a
                // statement ("**Inquire Level - All**") with no row before it governs the list or table right after it.
                var intro = listFollows || line.IsHeading || i == 0 && _current == null && GuideLabel.Clean(Instruction(written)).Length == 0 && ListAfter(line) || GuideLabel.Clean(written.Replace(" | ", " ")).Length > 0 && line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal);
                var columns = GuidePhrases.ColumnsIn(m.Groups["cols"].Value);
                var level = Level(m);
                List<ModuleFunction> targets;
                var shape = GuideShape.LevelPhrase;
                var labelText = GuideLabel.Clean(between.Replace(" | ", " "));
                if (labelText.Length == 0)
                    targets = previous;
                else
                {
                    targets = LabelTargets(between, line, i == 0 && (tailTargets != null || listFollows));
                    if (targets == null && i > 0) targets = previous;   // purpose text between two phrases of one row
                }
                if (targets == null && tailTargets != null) { targets = tailTargets; shape = GuideShape.ProseList; }
                var lines = new List<int> { line.Number };
                if (targets == null && closes && !unnamed && (i == 0 || closed))
                {
                    // "Both of the functions above need Edit set to All": the statement closes the rows named just before it.
                    foreach (var (function, at) in _block)
                        AddFact(new[] { function }, columns, level, new[] { at, line.Number }, GuideShape.NestedList, null);
                    previous = null;
                    closed = true;
                    continue;
                }
                if (targets == null && labelText.Length == 0 && _current != null && !intro && !unnamed)
                {
                    targets = new List<ModuleFunction> { _current.Function };
                    lines.AddRange(_current.Lines);
                    inherited = true;
                }
                if (targets == null)
                {
                    if (intro) pendingIntro.Add((columns, level));
                    else if (labelText.Length == 0 || unnamed) { if (!_reported.Contains(line.Number)) Unread(line, Stated(columns, level) + " with no function named before it"); }
                    else if (i == 0 && !_reported.Contains(line.Number))
                    {
                        // "You will also want Inquire Level All": a level stated for something the line does not name as a row.
                        unnamed = true;
                        Unread(line, Stated(columns, level) + " for '" + (labelText.Length > 60 ? labelText.Substring(0, 60) + "..." : labelText) + "', which names no row of the catalogue");
                    }
                    continue;
                }
                if (targets.Count == 0)
                {
                    // An unknown name, already reported: the phrases after it on the line are its levels, not the row before.
                    previous = targets;
                    unnamed = true;
                    continue;
                }
                // A remark on a line that continues the row above ("Inquire Level set to ALL * only needed when ...") is the
                // row's note, not a condition: a condition on a line reaches the rows the line names.
                var own = _lineCondition;
                if (inherited) _lineCondition = null;
                AddFact(targets, columns, level, lines, shape, i == matches.Count - 1 ? note : null);
                _lineCondition = own;
                previous = targets;
            }
            if (closed) _block.Clear();
            if (pendingIntro.Count > 0)
            {
                EndList();
                var condition = Cue.IsMatch(text) ? (ConditionText(line.Text), line.Number) : ConditionInForce();
                _list = new ListIntro
                {
                    Levels = pendingIntro, Line = line.Number, Module = _module, IntroIsItem = line.IsBullet, IntroIndent = line.Indent,
                    Section = line.IsHeading, HeadingLevel = line.HeadingLevel, Condition = condition,
                };
            }
            _lineCondition = null;
            return true;
        }

        /// <summary>A statement about the rows just named: "all three of the above", "both of these", "each of those".</summary>
        static readonly Regex Closer = new Regex(@"\b(?:above|preceding|previous(?:ly)?\s+listed|listed\s+above)\b|^\s*(?:(?:all|each|both)\s+(?:of\s+)?)?(?:these|those|them)\b|^\s*(?:both|all\s+(?:two|three|four|five|six|of\s+them))\b", Opt);

        // Before the statement: "do not give", "never set", "no need to", "except"; after it: "is not needed".
        static readonly Regex NegationBefore = new Regex(@"\b(?:not|never|no\s+need|except)\b|n't\b", Opt);
        static readonly Regex NegationAfter = new Regex(@"^\W*(?:(?:is|are)\s+)?(?:not|never)\s+(?:needed|required|necessary|used)\b", Opt);

        /// <summary>The negation that keeps a statement from giving its level, or null: in its sentence before it, or right after it.</summary>
        static string Negated(string text, Match m)
        {
            var start = m.Index;
            while (start > 0 && !(".;!?|".IndexOf(text[start - 1]) >= 0 && char.IsWhiteSpace(text[start])) && m.Index - start < 300) start--;
            var before = NegationBefore.Match(text.Substring(start, m.Index - start));
            if (before.Success) return before.Value;
            var rest = text.Substring(m.Index + m.Length);
            var after = NegationAfter.Match(rest.Length > 80 ? rest.Substring(0, 80) : rest);
            return after.Success ? after.Value.Trim() : null;
        }

        /// <summary>Whether the next line that is not blank is a list item or a table row.</summary>
        bool ListAfter(GuideLine line)
        {
            for (var k = line.Number; k < _lines.Count && k < line.Number + 4; k++)
            {
                var next = _lines[k];
                if (next.IsBlank || next.IsSeparator) continue;
                return next.IsBullet || next.Cells != null;
            }
            return false;
        }

        static readonly Regex Remark = new Regex(@"^[\s,;]*\([^()]*\)[\s,;]*$", Opt);
        static readonly Regex TrailingVerb = new Regex(@"(?:^|[\s:;,\-\u2013\u2014]+)(?:(?:and|then|now)\s+)*(?:(?:also\s+)?(?:set|change|give|grant|make|update|adjust|needs?|requires?|gets?)|should\s+(?:have|get)|must\s+have)(?:\s+(?:the|its|their|an?|also))?\s*$", Opt);
        static readonly Regex LeadingVerb = new Regex(@"^\s*(?:(?:then|and|now)\s+)*(?:find|locate|select|choose|click(?:\s+on)?|expand|open|scroll\s+(?:down\s+)?to|go\s+to)\s+(?:the\s+)?", Opt);

        /// <summary>
        /// The text before a phrase without the instruction around the row's name: "Member Maintenance: Set" (then "Inquire
        /// to All"), "Find Opportunity. Change" (then "Add Level to All"). Text that is not an instruction is left as it is.
        /// </summary>
        static string Instruction(string between)
        {
            var t = TrailingVerb.Replace(between, "");
            if (t.Length == between.Length) return between;
            // "Find Opportunity." before "Change ...": the row named in the sentence before the instruction.
            t = LeadingVerb.Replace(t, "").TrimEnd();
            return t.EndsWith(".", StringComparison.Ordinal) ? t.Substring(0, t.Length - 1) + " " : t + " ";
        }

        /// <summary>"a level (Add/Inquire All)": a phrase's columns and level, for a report.</summary>
        static string Stated(List<int> columns, PermissionLevel level)
            => "a level (" + string.Join("/", columns.Select(c => PermissionLevels.Names[c])) + " " + level + ")";

        static PermissionLevel Level(Match m)
        {
            GuidePhrases.TryLevel(m.Groups["v"].Value, out var level);
            return level;
        }

        /// <summary>The rows a phrase's label names; null when it names none (an unknown name is reported when the label is short).</summary>
        List<ModuleFunction> LabelTargets(string between, GuideLine line, bool junkAllowed)
        {
            // Text between two phrases may be the previous row's purpose followed by the next row's label: try the end.
            var words = GuideLabel.Clean(between.Replace(" | ", " | ")).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            // Only the last words can be a label (GuideLabel.Resolve reads at most 120 characters): the suffixes longer than
            // that are not tried, so a long text before a phrase costs its length, not its length times its words.
            var tail = 0;
            var first = words.Length;
            while (first > 0 && tail + words[first - 1].Length + 1 <= 2 * GuideLabel.MaxChars) tail += words[--first].Length + 1;
            for (var k = 0; k < words.Length; k++)
            {
                if (k > 0 && k < first) k = first;
                if (k >= words.Length) break;
                var candidate = string.Join(" ", words.Skip(k));
                var label = GuideLabel.Resolve(candidate, _module);
                if (label.Function != null)
                {
                    if (label.Module != null) _module = label.Module;
                    return new List<ModuleFunction> { label.Function };
                }
                if (k == 0)
                {
                    if (label.IsModuleOnly) { _module = label.Module; return null; }
                    var list = GuideLabel.ResolveList(candidate, _module);
                    if (list.Functions.Count > 0)
                    {
                        if (list.Module != null) _module = list.Module;
                        foreach (var u in list.Unknown) Unknown(line.Number, u);
                        return list.Functions;
                    }
                }
            }
            if (!junkAllowed)
            {
                // A table row's cells: the cell that names a row ("| Contacts | Read-only (Inquire: All) |").
                if (between.Contains(" | "))
                    foreach (var cell in between.Split(new[] { " | " }, StringSplitOptions.None))
                    {
                        var c = GuideLabel.Resolve(cell, _module);
                        if (c.Function != null) { if (c.Module != null) _module = c.Module; return new List<ModuleFunction> { c.Function }; }
                    }
                // One catalogue name in the clause before the statement ("Under Service Desk, set Service Tickets to Inquire = All").
                var clause = Regex.Split(between, @"[.;!?](?:\s|$)").Last(p => p.Trim().Length > 0 || true);
                var named = GuideLabel.Mentioned(clause);
                if (named.Count == 1) return named;
            }
            var clean = GuideLabel.Clean(between);
            if (!junkAllowed && GuideLine.Words(clean) <= 4 && !Regex.IsMatch(clean, @"\b(?:set|give|grant|make|needs?|requires?|change|ensure|each|every|all|these|those|both|below|above|following|functions?|rows?|permissions?|items?|roles?|members?|users?|integration|account|it|this)\b", Opt))
            {
                Unknown(line.Number, clean);
                return new List<ModuleFunction>();
            }
            return null;
        }

        /// <summary>"for: X, Y of the Z module" after a phrase: the rows it names. <paramref name="listFollows"/>: "for the following:".</summary>
        List<ModuleFunction> TargetsIn(string tail, GuideLine line, out bool listFollows)
        {
            listFollows = false;
            var m = TargetList.Match(tail ?? "");
            if (!m.Success)
            {
                listFollows = Regex.IsMatch(tail ?? "", @"^\s*:?\s*$") && line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal);
                return null;
            }
            var rest = ListLead.Replace(m.Groups["rest"].Value.Trim().TrimStart(':').Trim(), "");
            rest = rest.Trim().TrimEnd('.', ':', ';').Trim();
            if (rest.Length == 0)
            {
                listFollows = true;
                return null;
            }
            var list = GuideLabel.ResolveList(rest, _module);
            if (list.Functions.Count == 0) return null;
            foreach (var u in list.Unknown) Unknown(line.Number, u);
            return list.Functions;
        }

        static string Note(string tail)
        {
            var t = (tail ?? "").Trim().Trim('|', '-', ':', ';', ',', '.', '*', '\u2020').Trim();
            return t.Length == 0 || GuideLine.Words(t) < 2 ? null : t.Length > 200 ? t.Substring(0, 200) : t;
        }

        void AddFact(IEnumerable<ModuleFunction> targets, List<int> columns, PermissionLevel level, IEnumerable<int> lines, GuideShape shape, string note, (string Text, int Line)? condition = null)
        {
            ModuleFunction last = null;
            var cond = condition ?? ConditionInForce();
            foreach (var f in targets)
            {
                var fact = new Fact { Function = f, Shape = shape, Note = note, Condition = cond?.Text };
                fact.Lines.AddRange(lines);
                if (cond != null && cond.Value.Line > 0) fact.Lines.Add(cond.Value.Line);
                foreach (var c in columns) fact.Levels[c] = level;
                _facts.Add(fact);
                _lastFact[fact.Function] = fact;
                foreach (var n in fact.Lines) _used.Add(n);
                _lastStatement = fact.Lines.Max();
                last = f;
            }
            if (last != null) Read(last, lines);
        }

        // ------------------------------------------------------------------ a level stated once for a list

        /// <summary>
        /// An item of the list, table or section a statement governs ("each function below needs Inquire All:", a heading
        /// "Edit Level set to All"): a bullet, a line or a table row naming catalogue rows; a header row of the table is
        /// passed over; the item's own level statements (a description cell "All on every level") add to its levels.
        /// False when the line is not an item: the list is over (a section's list goes on past prose until the next heading).
        /// </summary>
        bool ReadListItem(GuideLine line)
        {
            var list = _list;
            // The next step of a numbered list ("4. Save the role") is not an item of the list the step before introduced.
            if (list.IntroIsItem && line.IsBullet && line.Indent <= list.IntroIndent) return false;
            var kind = line.Cells != null ? 1 : line.IsBullet ? 2 : 3;
            // A list is one block: after a blank line, a block of another kind (bullets after a table) is not its item.
            if (list.Items > 0 && _blankBefore && kind != list.Kind && !list.Section) return false;
            if (line.Cells != null && line.Cells.Where(c => c.Length > 0).All(c => GuidePhrases.IsHeaderText(c) || IsOtherHeader(c)))
            {
                _used.Add(line.Number);   // the table's header ("| Module | Function | Purpose |")
                return true;
            }
            var text = line.Cells != null ? string.Join(" | ", line.Cells.Where(c => c.Length > 0)) : line.Text;
            var own = GuidePhrases.Phrase.IsMatch(GuidePhrases.Canonical(text));
            var found = ItemRows(line, list.Module, out var module, out var unknown);
            if (found.Count == 0)
            {
                if (module != null && !own)
                {
                    list.Module = module;
                    _module = module;
                    _used.Add(line.Number);
                    return true;
                }
                if (own || !line.IsBullet || GuideLine.Words(text) > 5) return list.Section && !line.IsHeading && !own ? SectionProse(line) : false;
                Unknown(line.Number, GuideLabel.Clean(text));
                list.Items++;
                list.Kind = kind;
                return true;
            }
            if (module != null) list.Module = module;
            foreach (var u in unknown) Unknown(line.Number, u);
            foreach (var (columns, level) in list.Levels)
                AddFact(found, columns, level, new[] { line.Number, list.Line }, GuideShape.NestedList, null, list.Condition);
            list.Items++;
            list.Kind = kind;
            if (own && found.Count == 1)
            {
                // "| Service Desk | Service Tickets | All on every level |": the row's own statement adds to the list's levels.
                _current = new Named { Function = found[0], Lines = { line.Number } };
                var saved = _list;
                _list = null;
                ReadPhrases(line, text);
                _list = saved;
            }
            return true;
        }

        /// <summary>Prose inside a section a heading governs: read as any line, the section goes on.</summary>
        bool SectionProse(GuideLine line)
        {
            var saved = _list;
            _list = null;
            if (line.Cells != null) ProcessCells(line); else ProcessText(line);
            if (_list == null) _list = saved;
            return true;
        }

        /// <summary>The catalogue rows a list item or table row names (a module cell or heading item gives the module).</summary>
        List<ModuleFunction> ItemRows(GuideLine line, string context, out string module, out List<string> unknown)
        {
            module = null;
            unknown = new List<string>();
            if (line.Cells != null)
            {
                var found = new List<ModuleFunction>();
                var ctx = context;
                foreach (var cell in line.Cells.Where(c => c.Length > 0))
                {
                    var r = GuideLabel.Resolve(cell, ctx);
                    if (r.Function != null) { found.Add(r.Function); if (r.Module != null) module = r.Module; }
                    else if (r.IsModuleOnly && found.Count == 0) { ctx = r.Module; module = r.Module; }
                    if (found.Count > 0) break;   // the first name is the row's; other cells are its notes
                }
                return found;
            }
            var text = GuidePhrases.Canonical(line.Text);
            var phrase = GuidePhrases.Phrase.Match(text);
            if (phrase.Success) text = text.Substring(0, phrase.Index);
            var label = GuideLabel.Resolve(text, context);
            if (label.IsModuleOnly) { module = label.Module; return new List<ModuleFunction>(); }
            if (label.Function != null) { module = label.Module; return new List<ModuleFunction> { label.Function }; }
            if (phrase.Success) return new List<ModuleFunction>();
            var many = GuideLabel.ResolveList(text, context);
            module = many.Item3;
            if (many.Functions.Count > 0) unknown = many.Unknown;
            return many.Functions;
        }

        void EndList()
        {
            var list = _list;
            _list = null;
            if (list != null && list.Items == 0)
                Unread(new[] { list.Line }, "a level for the list that follows, but no function of the catalogue follows");
        }
    }
}
