using RenderHooks.Tests.Deployment;

namespace RenderHooks.Tests.Docs;

/// <summary>
/// Every relative link in README.md, docs/*.md and infra/README.md leads to a file of the repository, and every
/// <c>#anchor</c> to a heading of its target, with the anchors GitHub makes.
/// </summary>
public sealed class DocLinkTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md", "infra/README.md" };
        foreach (var file in Directory.EnumerateFiles(InfraFiles.Path("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add("docs/" + Path.GetFileName(file));
        }

        return pages;
    }

    [Fact]
    public void TheDocsFolder_HasItsPages_AndTheReadmeLinksEach()
    {
        var readmeTargets = MarkdownDocument.Parse("README.md", InfraFiles.Read("README.md")).Links()
            .Select(link => link.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.EnumerateFiles(InfraFiles.Path("docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page, readmeTargets));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_ResolvesToAFile_AndEveryAnchorToAHeading(string page)
    {
        var document = MarkdownDocument.Parse(page, InfraFiles.Read(page));
        var links = document.Links().Where(link => !IsExternal(link.Target)).ToList();
        var broken = links.Select(link => Problem(page, link.Target) is { } problem ? $"{page}:{link.Line}: ({link.Target}) {problem}" : null)
            .OfType<string>().ToList();

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Slug_FollowsGitHub()
    {
        Assert.Equal("settings-provider-api-keys-and-the-schedule", MarkdownDocument.Slug("Settings, provider API keys and the schedule"));
        Assert.Equal("hostjson", MarkdownDocument.Slug("host.json"));
        Assert.Equal("the-hosts-own-request-trace", MarkdownDocument.Slug("The host's own request trace"));
        Assert.Equal("run-with-azure-functions-core-tools", MarkdownDocument.Slug("Run with [Azure Functions](https://x) Core Tools"));
        Assert.Equal("keep_this-and-that", MarkdownDocument.Slug("`keep_this`-and-that"));
    }

    [Fact]
    public void Anchors_NumberDuplicateHeadings_AndIgnoreCodeBlocks()
    {
        var document = MarkdownDocument.Parse("x.md", "# Tear down\n\n```bash\n# Not a heading\n```\n\n## Tear down\n### Tear down\n");

        Assert.Equal(["tear-down", "tear-down-1", "tear-down-2"], document.Anchors().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ABrokenLinkOrAnchor_IsReported()
    {
        Assert.Null(Problem("README.md", "docs/deploy.md#tear-down"));
        Assert.NotNull(Problem("README.md", "docs/deploy.md#no-such-heading"));
        Assert.NotNull(Problem("README.md", "docs/no-such-page.md"));
        Assert.NotNull(Problem("docs/deploy.md", "#no-such-heading"));
    }

    private static bool IsExternal(string target) =>
        target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static string? Problem(string page, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var directory = Path.GetDirectoryName(page.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        var relative = path.Length == 0 ? page : Path.GetRelativePath(InfraFiles.Root, Path.GetFullPath(Path.Combine(InfraFiles.Root, directory, Uri.UnescapeDataString(path))));
        var full = InfraFiles.Path(relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return $"{relative} does not exist";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return $"an anchor into {relative}, which is not Markdown";
        }

        var anchors = MarkdownDocument.Parse(relative, File.ReadAllText(full)).Anchors();
        return anchors.Contains(anchor) ? null : $"{relative} has no heading with the anchor #{anchor}";
    }
}
