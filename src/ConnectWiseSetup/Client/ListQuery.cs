using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Client
{
    /// <summary>What to ask of a list endpoint: conditions, fields, order, page size, limits.</summary>
    internal sealed class ListQuery
    {
        public const int MaxPageSize = 1000;

        private static readonly Regex OrderByPattern = new Regex(
            @"^\s*[A-Za-z_][A-Za-z0-9_/]*(\s+(asc|desc))?(\s*,\s*[A-Za-z_][A-Za-z0-9_/]*(\s+(asc|desc))?)*\s*$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>A conditions string, best built with <see cref="Client.Conditions"/>.</summary>
        public string Conditions { get; set; }

        public string ChildConditions { get; set; }

        public string CustomFieldConditions { get; set; }

        /// <summary>Only these fields in each record (<c>fields=id,name</c>).</summary>
        public IList<string> Fields { get; set; }

        /// <summary><c>name asc</c>, <c>id desc, name</c>.</summary>
        public string OrderBy { get; set; }

        /// <summary>Records per request; default and most 1000.</summary>
        public int PageSize { get; set; } = MaxPageSize;

        /// <summary>Stop after this many records (null: all).</summary>
        public int? MaxItems { get; set; }

        /// <summary>Send <c>pagination-type: forward-only</c> and follow the Link header only.</summary>
        public bool ForwardOnly { get; set; }

        public ListQuery Where(Conditions conditions)
        {
            Conditions = conditions?.ToString();
            return this;
        }

        /// <summary>Query parameters (unencoded) for one page; validates fields and order.</summary>
        internal List<KeyValuePair<string, string>> ToParameters(int? page)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(Conditions)) list.Add(Pair("conditions", Conditions));
            if (!string.IsNullOrEmpty(ChildConditions)) list.Add(Pair("childConditions", ChildConditions));
            if (!string.IsNullOrEmpty(CustomFieldConditions)) list.Add(Pair("customFieldConditions", CustomFieldConditions));
            if (!string.IsNullOrEmpty(OrderBy))
            {
                if (!OrderByPattern.IsMatch(OrderBy))
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "orderBy '" + InputValidator.Printable(OrderBy) + "' is not like 'name asc, id desc'.", OrderBy);
                list.Add(Pair("orderBy", OrderBy.Trim()));
            }
            if (Fields != null && Fields.Count > 0)
            {
                foreach (var f in Fields) InputValidator.FieldName(f);
                list.Add(Pair("fields", string.Join(",", Fields)));
            }
            if (page.HasValue) list.Add(Pair("page", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            list.Add(Pair("pageSize", EffectivePageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return list;
        }

        internal int EffectivePageSize
        {
            get
            {
                var size = PageSize <= 0 || PageSize > MaxPageSize ? MaxPageSize : PageSize;
                if (MaxItems.HasValue && MaxItems.Value > 0 && MaxItems.Value < size) size = MaxItems.Value;
                return size;
            }
        }

        private static KeyValuePair<string, string> Pair(string k, string v) => new KeyValuePair<string, string>(k, v);
    }
}
