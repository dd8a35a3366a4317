using ReproBuild.Engine.Outputs;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class GitRevisionTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";

    private TempFolder _temp = null!;

    [TestInitialize]
    public void CreateFolder() => _temp = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    private string Project()
    {
        var project = _temp.File("src/App");
        Directory.CreateDirectory(project);
        return project;
    }

    [TestMethod]
    public void HeadPointingAtALooseRefGivesThatRefsCommit()
    {
        _temp.Write(".git/HEAD", "ref: refs/heads/main\n");
        _temp.Write(".git/refs/heads/main", Commit + "\n");
        _temp.Write(".git/packed-refs", $"{Other} refs/heads/main\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()), "a loose ref wins over packed-refs");
    }

    [TestMethod]
    public void HeadPointingAtAPackedRefGivesThatRefsCommit()
    {
        _temp.Write(".git/HEAD", "ref: refs/heads/feature/x\n");
        _temp.Write(".git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Other} refs/heads/main\n{Commit} refs/heads/feature/x\n^{Other}\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()));
    }

    [TestMethod]
    public void DetachedHeadGivesItsCommit()
    {
        _temp.Write(".git/HEAD", Commit + "\n");

        Assert.AreEqual(Commit, GitRevision.Find(_temp.Path));
    }

    [TestMethod]
    public void UnbornBranchGivesNoCommit()
    {
        _temp.Write(".git/HEAD", "ref: refs/heads/main\n");
        Directory.CreateDirectory(_temp.File(".git/refs/heads"));

        Assert.IsNull(GitRevision.Find(Project()));
    }

    [TestMethod]
    public void WorktreeGitFileLeadsToItsGitDirAndTheCommonRefs()
    {
        _temp.Write("repo/.git/packed-refs", $"{Commit} refs/heads/topic\n");
        _temp.Write("repo/.git/worktrees/wt/HEAD", "ref: refs/heads/topic\n");
        _temp.Write("repo/.git/worktrees/wt/commondir", "../..\n");
        _temp.Write("wt/.git", "gitdir: ../repo/.git/worktrees/wt\n");
        Directory.CreateDirectory(_temp.File("wt/src"));

        Assert.AreEqual(Commit, GitRevision.Find(_temp.File("wt/src")));
    }

    [TestMethod]
    public void NearestRepositoryWins()
    {
        _temp.Write(".git/HEAD", Other + "\n");
        _temp.Write("src/App/.git/HEAD", Commit + "\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()));
    }
}
