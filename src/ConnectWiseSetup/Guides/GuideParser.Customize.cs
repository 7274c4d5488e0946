using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>GuideParser: Customize allow-lists, attached to the row they belong to.</summary>
    internal sealed partial class GuideParser
    {
        static readonly Regex CustomizeMarker = new Regex(@"^customi[sz]e\b\s*:?\s*(?<rest>.*)$", Opt);
        static readonly Regex AllowAll = new Regex(@"\ballow(?:ed)?\s+access\s+to\s+all\b(?!\s+(?:of\s+)?(?:the\s+following|these)\b)|\ballow\s+all\b|\ball\s+(?:of\s+)?(?:the\s+)?(?:entries|items|tables|setup\s+tables|lists?)\b.*\ballow", Opt);
        static readonly Regex AllowList = new Regex(@"\ballow(?:ed)?\s+access\s+to(?:\s+(?:the\s+following|these)(?:\s+[a-z]+){0,3})?\s*:\s*(?<items>.*)$", Opt);
        static readonly Regex AllowInline = new Regex(@"\ballow(?:ed)?\s+access\s+to\s+(?<items>[^.]*/[^.]*)", Opt);
        static readonly Regex DisallowWord = new Regex(@"\bdisallow", Opt);
        static readonly Regex CustomizeWord = new Regex(@"\bcustomi[sz]e\b", Opt);
        // Items named in a sentence, quoted or not: "Service / Service Board" and "Service / Surveys - Service" (capitalised, case matters).
        const string ItemWord = @"(?:[A-Z][A-Za-z0-9']*|&|-|\u2013)";
        static readonly Regex SentenceItem = new Regex(@"(?<![A-Za-z])(?<i>" + ItemWord + @"(?:\s+" + ItemWord + @")*\s*/\s*" + ItemWord + @"(?:\s+" + ItemWord + @")*)", RegexOptions.CultureInvariant);

        /// <summary>The catalogue items of <paramref name="list"/> a sentence names ("allow access to these tables only "A / B" and "C / D""); empty unless every item it names is known.</summary>
        static List<string> ItemsInSentence(string text, string list)
        {
            if (list == null) return new List<string>();
            var items = SentenceItem.Matches(text ?? "").Cast<Match>().Select(m => m.Groups["i"].Value.Trim()).Where(i => i.Length > 0).ToList();
            return items.Count > 0 && items.All(i => CustomizeCatalog.IsKnownItem(list, Item(i))) ? items : new List<string>();
        }

        /// <summary>
        /// "Customize:", "Allow access to all agreements", "Allow access to:" (items follow), "click the customize link
        /// beside the Table Setup permission", "all of the entries are allowed". <paramref name="target"/>: the row a table
        /// cell's remark belongs to.
        /// </summary>
        bool ReadCustomize(string text, GuideLine line, Named target)
        {
            if (string.IsNullOrWhiteSpace(text)) return false;
            var marker = CustomizeMarker.Match(text);
            var mentionsCustomize = CustomizeWord.IsMatch(text);
            var named = mentionsCustomize ? GuideLabel.Mentioned(text, f => f.CustomizeList != null) : new List<ModuleFunction>();
            if (named.Count == 1 && target == null)
            {
                _lastFact.TryGetValue(named[0], out var row);
                target = new Named { Function = named[0], Lines = row?.Lines.ToList() ?? new List<int>() };
                _customizeTarget = target;
                _customizeLine = line.Number;
            }
            if (DisallowWord.IsMatch(text) && (mentionsCustomize || target != null || _customizeTarget != null))
            {
                // "Move these items to the Disallow box:": what to refuse, not an allow-list: reported, never read as allowed.
                var owner = target ?? _customizeTarget ?? (_sinceRow <= CustomizeReach ? _lastRow : null);
                _used.Add(line.Number);
                if (owner == null || owner.Function.CustomizeList == null)
                {
                    Unread(line, "items to disallow in a Customize list, for no row with a Customize list the module knows");
                    return true;
                }
                var refused = new CustomizeFact { Function = owner.Function, Disallow = true };
                refused.Lines.Add(line.Number);
                _customize.Add(refused);
                _items = line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal) ? refused : null;
                return true;
            }
            // "allow all" counts in a Customize context only: after "Customize", beside the word, or as the line's start.
            var allowAll = AllowAll.IsMatch(text) && (marker.Success || mentionsCustomize || target != null || _customizeTarget != null || Regex.IsMatch(text, @"^\s*allow", Opt));
            var list = AllowList.Match(text);
            var inline = list.Success ? Match.Empty : AllowInline.Match(text);
            var only = list.Success || inline.Success ? Match.Empty : AllowOnly.Match(text);
            // "allow only" in prose counts when it speaks of Customize, follows a row's Customize remark, or names known items.
            if (only.Success && !mentionsCustomize && target == null && _customizeTarget == null && !KnownItems(SplitOnly(only.Groups["items"].Value))) only = Match.Empty;
            var noList = !marker.Success && !allowAll && !list.Success && !inline.Success && !only.Success;
            // The row it belongs to: the one given or named, the one "Customize:" announced, or the row just read.
            var belongsTo = target ?? _customizeTarget ?? (_sinceRow <= CustomizeReach ? _lastRow : null);
            // "clicking on Customize and allowing access to these tables only "A / B" and "C / D"" (the row above, or the row named).
            var sentenceItems = mentionsCustomize && noList && belongsTo != null ? ItemsInSentence(text, belongsTo.Function.CustomizeList) : new List<string>();
            if (noList && !(mentionsCustomize && named.Count == 1) && sentenceItems.Count == 0) return false;

            target = belongsTo;
            if (noList)
            {
                _used.Add(line.Number);   // "the customize link beside Table Setup": what to allow comes next
                if (target != null && target.Function.CustomizeList != null)
                {
                    if (sentenceItems.Count > 0)
                    {
                        var allowed = CustomizeOf(target.Function);
                        allowed.Lines.Add(line.Number);
                        foreach (var item in sentenceItems) AddItem(allowed, item, line.Number);
                    }
                    // "...only allow access to needed tables. Here are the tables it needs:" the items follow.
                    else if (line.Text.TrimEnd().EndsWith(":", StringComparison.Ordinal) && Regex.IsMatch(text, @"\b(?:tables?|items?|entries|lists?)\b", Opt))
                    {
                        _items = CustomizeOf(target.Function);
                        _items.Lines.Add(line.Number);
                    }
                }
                return true;
            }
            if (marker.Success && !allowAll && !list.Success && !inline.Success && !only.Success)
            {
                _customizeTarget = target;
                _customizeLine = line.Number;
                if (target != null && marker.Groups["rest"].Value.Length == 0) _customizeMarks.Add((target.Function, line.Number));
                _used.Add(line.Number);
                var rest = marker.Groups["rest"].Value;
                return rest.Length == 0 || ReadCustomize(rest, line, target) || true;
            }
            var given = list.Success ? list.Groups["items"].Value : inline.Success ? inline.Groups["items"].Value : only.Success ? only.Groups["items"].Value : "";
            var listed = only.Success ? SplitOnly(given) : SplitItems(given);
            if (!allowAll && listed.Count > 0 && (target == null || target.Function.CustomizeList == null || !listed.All(i => CustomizeCatalog.IsKnownItem(target.Function.CustomizeList, Item(i)))))
            {
                // "Allow access to Service/Priority", "should only be allowed Company / Company Status": the items name their list.
                var owner = FunctionCatalog.Functions.FirstOrDefault(f => f.CustomizeList != null && listed.All(i => CustomizeCatalog.IsKnownItem(f.CustomizeList, Item(i))));
                if (owner != null) target = new Named { Function = owner };
            }
            if (target == null)
            {
                if (target == null)
                {
                    if (allowAll && !mentionsCustomize && !list.Success) return false;   // "allow all" in prose far from any row
                    Unread(line, "a Customize allow-list, but no row it belongs to");
                    return true;
                }
            }
            _used.Add(line.Number);
            if (target.Function.CustomizeList == null)
            {
                Unread(line, "a Customize allow-list for " + target.Function + ", which has no Customize list the module knows");
                return true;
            }
            var fact = CustomizeOf(target.Function);
            if (_customizeTarget != null && _customizeTarget.Function == target.Function && _customizeLine > 0) fact.Lines.Add(_customizeLine);
            fact.Lines.Add(line.Number);
            if (allowAll && !(list.Success && list.Groups["items"].Value.Trim().Length > 0))
            {
                fact.AllowAll = true;
                _items = null;
                return true;
            }
            foreach (var item in listed) AddItem(fact, item, line.Number);
            _items = list.Success && listed.Count == 0 ? fact : null;
            return true;
        }

        /// <summary>A table of allow-lists, one row per function: "| Action | Allow Access To |", "| Table Setup | Service / Service Board, ... |".</summary>
        bool ReadCustomizeTable(GuideLine line)
        {
            var cells = line.Cells;
            var items = cells.FindIndex(c => Regex.IsMatch(c, @"^(?:allow(?:ed)?(?:\s+access(?:\s+to)?)?|customi[sz]ations?|allow-list)$", Opt));
            if (items >= 0)
            {
                var label = cells.FindIndex(c => c.Length > 0 && GuidePhrases.IsHeaderText(c) && !Regex.IsMatch(c, @"allow|customi", Opt));
                if (label >= 0 && cells.Count(c => c.Length > 0) == 2)
                {
                    _customizeTable = (label, items);
                    _used.Add(line.Number);
                    return true;
                }
            }
            if (_customizeTable == null) return false;
            var (labelCol, itemsCol) = _customizeTable.Value;
            if (cells.Count <= Math.Max(labelCol, itemsCol)) return false;
            var found = GuideLabel.Resolve(cells[labelCol], _module);
            if (found.Function == null) return false;
            var text = Regex.Replace(cells[itemsCol], @"\s*\([^()]*\)", "").Trim();
            var given = SplitItems(text);
            // Items are names ("Service / Service Board", "Workstation"); a sentence ("whichever levels you schedule") is not a list.
            if (found.Function.CustomizeList == null || given.Count == 0 || given.Any(i => GuideLine.Words(i) > 8 || char.IsLower(i[0])))
            {
                Unread(line, found.Function.CustomizeList == null
                    ? "a Customize allow-list for " + found.Function + ", which has no Customize list the module knows"
                    : "the allow-list for " + found.Function + " is not a list of items the module can read");
                return true;
            }
            var target = new Named { Function = found.Function, Lines = { line.Number } };
            if (Regex.IsMatch(text, @"^(?:all|allow\s+all|all\s+(?:items|entries|tables))$", Opt))
            {
                var fact = CustomizeOf(target.Function);
                fact.AllowAll = true;
                fact.Lines.Add(line.Number);
            }
            else
            {
                var fact = CustomizeOf(target.Function);
                foreach (var item in given) AddItem(fact, item, line.Number);
                fact.Lines.Add(line.Number);
            }
            _used.Add(line.Number);
            return true;
        }

        CustomizeFact CustomizeOf(ModuleFunction function)
        {
            var fact = _customize.FirstOrDefault(c => c.Function == function && !c.Disallow);
            if (fact == null) _customize.Add(fact = new CustomizeFact { Function = function });
            return fact;
        }

        bool ReadCustomizeItem(GuideLine line)
        {
            var text = line.Text;
            var looksLikeItem = text.IndexOf('/') > 0 && GuideLine.Words(text) <= 8 && !GuidePhrases.Phrase.IsMatch(text);
            if (!line.IsBullet && !looksLikeItem) return false;
            // The next step after the list ("8. Set the Member Maintenance Inquiry level to ALL", "9. Click Save") is not an item.
            if (GuidePhrases.Phrase.IsMatch(text) || GuidePhrases.PhraseAround.IsMatch(text)) return false;
            if (!looksLikeItem && GuideLine.Words(text) > 3 && !CustomizeCatalog.IsKnownItem(_items.Function.CustomizeList, Item(text))) return false;
            if (line.IsBullet && !looksLikeItem && GuideLabel.Resolve(text, _module).IsModuleOnly) return false;
            foreach (var item in SplitItems(text)) AddItem(_items, item, line.Number);
            _items.Lines.Add(line.Number);
            _used.Add(line.Number);
            return true;
        }

        /// <summary>"allow only X", "allow access only to X", "should only be allowed X", "only allow X" (up to the sentence's or bracket's end).</summary>
        static readonly Regex AllowOnly = new Regex(@"\b(?:allow(?:ed)?\s+(?:access\s+)?only(?:\s+access)?(?:\s+to)?|only\s+(?:be\s+)?allow(?:ed)?(?:\s+access)?(?:\s+to)?)\s*:?\s+(?:(?:the\s+)?(?:following\s+)?(?:tables?|items?|entries|lists?)\s*:?\s+)?(?<items>[^.\]\)\[(]*[^.\]\)\[(\s])", Opt);

        /// <summary>Items that all belong to one Customize list the module knows.</summary>
        static bool KnownItems(List<string> items)
            => items.Count > 0 && FunctionCatalog.Functions.Any(f => f.CustomizeList != null && items.All(i => CustomizeCatalog.IsKnownItem(f.CustomizeList, Item(i))));

        /// <summary>Items of "allow only X, Y and Z": split at commas, semicolons, "and" and "or".</summary>
        static List<string> SplitOnly(string text)
            => Regex.Split(text ?? "", @"\s*[,;]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", Opt).Select(s => s.Trim().Trim('"', '\u201C', '\u201D', '\'').TrimEnd('.').Trim()).Where(s => s.Length > 0).ToList();

        static List<string> SplitItems(string text)
            => Regex.Split(text ?? "", @"\s*[,;]\s*|\s+and\s+(?=[^/]+/)", Opt).Select(s => s.Trim().TrimEnd('.').Trim()).Where(s => s.Length > 0).ToList();

        /// <summary>"Company/Company Status" as the catalogue writes it: "Company / Company Status".</summary>
        static string Item(string text)
        {
            var at = text.IndexOf('/');
            return at < 0 ? text.Trim() : text.Substring(0, at).Trim() + " / " + text.Substring(at + 1).Trim();
        }

        void AddItem(CustomizeFact fact, string text, int lineNumber)
        {
            var item = Item(text.Length > MaxName ? text.Substring(0, MaxName) + "..." : text);
            var list = fact.Function.CustomizeList;
            var known = CustomizeCatalog.ItemsOf(list);
            var hit = known.FirstOrDefault(k => FunctionMatcher.Normalize(k) == FunctionMatcher.Normalize(item));
            if (hit == null && known.Count > 0)
            {
                _report.Unknown.Add(new GuideUnknownName
                {
                    Line = lineNumber, Name = item, Kind = list,
                    Closest = known.OrderBy(k => FunctionMatcher.Distance(FunctionMatcher.Normalize(k), FunctionMatcher.Normalize(item))).Take(3).ToList(),
                });
                _reported.Add(lineNumber);
            }
            var value = hit ?? item;
            if (fact.Seen.Add(value)) fact.Items.Add(value);
        }
    }
}
