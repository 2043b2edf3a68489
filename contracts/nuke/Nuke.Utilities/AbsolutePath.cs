namespace Nuke.Common.IO;

/// <summary>
/// Contract of NUKE's <c>Nuke.Common.IO.AbsolutePath</c> (Nuke.Utilities): the members the components use, with NUKE's
/// rules where they depend on them: the implicit conversion from a string requires a rooted path ("Path '…' must be
/// rooted"), <c>/</c> refuses a rooted right side ("Second path must not be rooted"), both as <see cref="ArgumentException"/>;
/// <see cref="Create"/> does not check.
/// </summary>
public class AbsolutePath : IAbsolutePathHolder
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = System.IO.Path.GetFullPath(path);

    AbsolutePath IAbsolutePathHolder.Path => this;

    public string Name => System.IO.Path.GetFileName(_path);

    public static AbsolutePath Create(string path) => new(path);

    public static implicit operator AbsolutePath(string path)
    {
        if (path is null)
        {
            return null;
        }

        return System.IO.Path.IsPathRooted(path) ? new AbsolutePath(path) : throw new ArgumentException($"Path '{path}' must be rooted");
    }

    public static implicit operator string(AbsolutePath path) => path?.ToString();

    public static AbsolutePath operator /(AbsolutePath left, string right)
        => !System.IO.Path.IsPathRooted(right ?? string.Empty) ? new(System.IO.Path.Combine(left._path, right ?? string.Empty)) : throw new ArgumentException("Second path must not be rooted");

    public override string ToString() => _path;
}
