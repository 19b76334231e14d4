namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>
/// One run of an operation at a time: callers that arrive while it is running share its result. A run that finishes
/// without ever yielding (a cached answer, an early return, a provider whose async calls complete synchronously) is
/// never kept, so no later caller can be handed a stale, completed answer. Not thread-safe: it lives inside a grain,
/// whose turns never overlap.
/// </summary>
internal sealed class SingleFlight<T>
{
    private Task<T>? _running;

    public bool IsRunning => _running is not null;

    public Task<T> RunAsync(Func<Task<T>> start)
    {
        if (_running is { } running) return running;
        var task = start();
        if (task.IsCompleted) return task;
        _running = task;
        return ForgetWhenDoneAsync(task);
    }

    private async Task<T> ForgetWhenDoneAsync(Task<T> task)
    {
        try
        {
            return await task;
        }
        finally
        {
            if (ReferenceEquals(_running, task)) _running = null;
        }
    }
}
