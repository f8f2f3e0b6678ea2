namespace PolicyNews.Archive.Store;

/// <summary>A store operation failed; the message says what was being done ("store: unable to …").</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
