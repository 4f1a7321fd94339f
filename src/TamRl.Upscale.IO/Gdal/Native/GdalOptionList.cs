namespace TamRl.Upscale.IO.Gdal.Native;

/// <summary>
/// A GDAL <c>char**</c> NAME=VALUE list (creation or open options), built with CSLSetNameValue and
/// destroyed with CSLDestroy. <see cref="Pointer"/> is <see cref="IntPtr.Zero"/> for an empty list,
/// which GDAL accepts as "no options".
/// </summary>
internal sealed class GdalOptionList : IDisposable
{
    private IntPtr _list;

    internal GdalOptionList(IEnumerable<KeyValuePair<string, string>> options)
    {
        foreach (var (name, value) in options)
            _list = GdalNative.CSLSetNameValue(_list, name, value); // may reallocate: always reassign
    }

    internal IntPtr Pointer => _list;

    public void Dispose()
    {
        if (_list != IntPtr.Zero)
            GdalNative.CSLDestroy(_list);
        _list = IntPtr.Zero;
    }
}
