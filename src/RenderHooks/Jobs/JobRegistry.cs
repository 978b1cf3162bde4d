using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderHooks.Intake;
using RenderHooks.Processing;
using RenderHooks.Providers;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;

namespace RenderHooks.Jobs;

/// <summary>
/// <c>POST /api/jobs</c>: records a submitted job before its webhook comes, so reconciliation can recover it if the
/// webhook never does, and so its events carry the caller's <c>reference</c>. Registering twice is harmless: the job is
/// inserted once (409 means it exists), and an existing job only gains a reference it did not have.
/// </summary>
public sealed partial class JobRegistry
{
    /// <summary>The largest registration body accepted.</summary>
    public const int MaxBodyBytes = 4096;

    private readonly JobStore _store;
    private readonly DeliveryArchive _archive;
    private readonly CheckPlanner _planner;
    private readonly IOptions<ProcessingOptions> _processing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JobRegistry> _logger;

    internal JobRegistry(
        JobStore store, DeliveryArchive archive, CheckPlanner planner, IOptions<ProcessingOptions> processing, TimeProvider timeProvider, ILogger<JobRegistry> logger)
    {
        _store = store;
        _archive = archive;
        _planner = planner;
        _processing = processing;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Reads a registration from a request body (JSON) and registers it.</summary>
    public async Task<JobRegistrationResult> RegisterAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!ContentTypeCheck.TryGetMediaType(contentType, out var mediaType, out var problem) || !MediaTypes.IsJson(mediaType))
        {
            var detail = problem.Length > 0 ? problem : $"'{mediaType}' is not accepted.";
            return JobRegistrationResult.Refused(415, "Unsupported media type", detail + " Send the job as application/json.");
        }

        JobRegistration? registration;
        string? reason;
        using (var bytes = await BoundedBodyReader.ReadAsync(body, MaxBodyBytes, null, cancellationToken))
        {
            if (bytes is null)
            {
                return JobRegistrationResult.Refused(413, "Payload too large", $"A registration is at most {MaxBodyBytes} bytes.");
            }

            if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return JobRegistrationResult.Refused(400, "Empty body", """Send {"provider": "json2video", "jobId": "…", "reference": "…"}.""");
            }

            if (!JobRegistrationParser.TryParse(bytes.Span, out registration, out reason))
            {
                return JobRegistrationResult.Refused(400, "Invalid registration", reason);
            }
        }

        return await RegisterAsync(registration, cancellationToken);
    }

    /// <summary>Registers a job: 201 when new, 200 when it was already known (from a registration or its webhook).</summary>
    public async Task<JobRegistrationResult> RegisterAsync(JobRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        try
        {
            return await RegisterOnceAsync(registration, cancellationToken);
        }
        catch (Exception e) when (StorageErrors.IsStorageFailure(e, cancellationToken))
        {
            StorageUnavailable(_logger, e, registration.Provider, registration.JobId);
            return JobRegistrationResult.Refused(503, "Storage unavailable", "The job could not be registered; try again.");
        }
    }

    private async Task<JobRegistrationResult> RegisterOnceAsync(JobRegistration registration, CancellationToken cancellationToken)
    {
        var job = await _store.ReadAsync(registration.Provider, registration.JobId, cancellationToken);
        for (var attempt = 0; attempt < _processing.Value.MaxWriteAttempts; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            if (job is null)
            {
                var fresh = new JobRecord
                {
                    Provider = registration.Provider,
                    JobId = registration.JobId,
                    Reference = registration.Reference,
                    RegisteredAt = now,
                    CreatedAt = now,
                    UpdatedAt = now,
                    NextCheckAt = _planner.FirstCheck(now),
                };
                if (await _store.TryInsertAsync(fresh, cancellationToken))
                {
                    Registered(_logger, fresh.Provider, fresh.JobId);
                    return new JobRegistrationResult
                    {
                        HttpStatusCode = 201,
                        Title = "Created",
                        Job = JobViews.From(fresh, 0),
                        Location = JobPaths.Location(fresh.Provider, fresh.JobId),
                    };
                }

                job = await _store.ReadAsync(registration.Provider, registration.JobId, cancellationToken);
                continue;
            }

            var changed = false;
            if (job.RegisteredAt is null)
            {
                job.RegisteredAt = now;
                changed = true;
            }

            if (job.Reference is null && registration.Reference is not null)
            {
                job.Reference = registration.Reference;
                changed = true;
            }

            if (changed)
            {
                job.UpdatedAt = now;
                if (!await _store.TryReplaceAsync(job, cancellationToken))
                {
                    job = await _store.ReadAsync(registration.Provider, registration.JobId, cancellationToken);
                    continue;
                }
            }

            var deliveries = await _archive.CountAsync(job.Provider, job.JobId, cancellationToken);
            return new JobRegistrationResult { HttpStatusCode = 200, Title = "OK", Job = JobViews.From(job, deliveries) };
        }

        throw new InvalidOperationException($"Gave up registering {registration.Provider} job '{registration.JobId}' after {_processing.Value.MaxWriteAttempts} conflicting writes.");
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Registered {Provider} job {JobId}")]
    private static partial void Registered(ILogger logger, string provider, string jobId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Could not register {Provider} job {JobId}: storage unavailable")]
    private static partial void StorageUnavailable(ILogger logger, Exception exception, string provider, string jobId);
}
