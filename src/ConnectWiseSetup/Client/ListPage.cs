using System;
using System.Collections.Generic;

namespace ConnectWiseSetup.Client
{
    /// <summary>One page of a list and where the next one is (null when this is the last).</summary>
    internal sealed class ListPage<T>
    {
        public ListPage(IReadOnlyList<T> items, Uri next)
        {
            Items = items;
            Next = next;
        }

        public IReadOnlyList<T> Items { get; }

        public Uri Next { get; }
    }
}
