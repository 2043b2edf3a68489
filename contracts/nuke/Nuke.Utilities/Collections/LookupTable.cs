using System.Collections;

namespace Nuke.Common.Utilities.Collections;

/// <summary>Contract of NUKE's <c>LookupTable</c> (Nuke.Utilities): its public members; no behaviour.</summary>
public class LookupTable<TKey, TValue>(Dictionary<TKey, List<TValue>> dictionary) : ILookup<TKey, TValue>
{
    public LookupTable()
        : this(new Dictionary<TKey, List<TValue>>())
    {
    }

    public LookupTable(IEqualityComparer<TKey> comparer)
        : this(new Dictionary<TKey, List<TValue>>(comparer))
    {
    }

    public LookupTable(ILookup<TKey, TValue> lookupTable, IEqualityComparer<TKey> comparer = null)
        : this(new Dictionary<TKey, List<TValue>>(comparer))
    {
    }

    public int Count => dictionary.Count;

    public IEnumerable<TValue> this[TKey key]
    {
        get => throw new NotSupportedException("contract only");
        set => throw new NotSupportedException("contract only");
    }

    public void Add(TKey key, TValue value) => throw new NotSupportedException("contract only");

    public void AddRange(TKey key, IEnumerable<TValue> values) => throw new NotSupportedException("contract only");

    public void Remove(TKey key) => throw new NotSupportedException("contract only");

    public void Remove(TKey key, TValue value) => throw new NotSupportedException("contract only");

    public void Clear() => throw new NotSupportedException("contract only");

    public IEnumerator<IGrouping<TKey, TValue>> GetEnumerator() => throw new NotSupportedException("contract only");

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(TKey key) => throw new NotSupportedException("contract only");

    public ILookup<TKey, TValue> AsReadOnly() => throw new NotSupportedException("contract only");
}
