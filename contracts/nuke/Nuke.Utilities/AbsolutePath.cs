namespace Nuke.Common.IO;

/// <summary>Contract of NUKE's <c>Nuke.Common.IO.AbsolutePath</c> (Nuke.Utilities): the members the components use.</summary>
public class AbsolutePath
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = Path.GetFullPath(path);

    public string Name => Path.GetFileName(_path);

    public static AbsolutePath Create(string path) => new(path);

    public static implicit operator AbsolutePath(string path) => path is null ? null : new AbsolutePath(path);

    public static implicit operator string(AbsolutePath path) => path?.ToString();

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left._path, right ?? string.Empty));

    public override string ToString() => _path;
}
