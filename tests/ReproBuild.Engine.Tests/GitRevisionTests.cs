using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class GitRevisionTests : TempFolderTest
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";

    private string Project()
    {
        var project = Temp.File("src/App");
        Directory.CreateDirectory(project);
        return project;
    }

    [TestMethod]
    public void HeadPointingAtALooseRefGivesThatRefsCommit()
    {
        Temp.Write(".git/HEAD", "ref: refs/heads/main\n");
        Temp.Write(".git/refs/heads/main", Commit + "\n");
        Temp.Write(".git/packed-refs", $"{Other} refs/heads/main\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()), "a loose ref wins over packed-refs");
    }

    [TestMethod]
    public void HeadPointingAtAPackedRefGivesThatRefsCommit()
    {
        Temp.Write(".git/HEAD", "ref: refs/heads/feature/x\n");
        Temp.Write(".git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Other} refs/heads/main\n{Commit} refs/heads/feature/x\n^{Other}\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()));
    }

    [TestMethod]
    public void DetachedHeadGivesItsCommit()
    {
        Temp.Write(".git/HEAD", Commit + "\n");

        Assert.AreEqual(Commit, GitRevision.Find(Temp.Path));
    }

    [TestMethod]
    public void UnbornBranchGivesNoCommit()
    {
        Temp.Write(".git/HEAD", "ref: refs/heads/main\n");
        Directory.CreateDirectory(Temp.File(".git/refs/heads"));

        Assert.IsNull(GitRevision.Find(Project()));
    }

    [TestMethod]
    public void WorktreeGitFileLeadsToItsGitDirAndTheCommonRefs()
    {
        Temp.Write("repo/.git/packed-refs", $"{Commit} refs/heads/topic\n");
        Temp.Write("repo/.git/worktrees/wt/HEAD", "ref: refs/heads/topic\n");
        Temp.Write("repo/.git/worktrees/wt/commondir", "../..\n");
        Temp.Write("wt/.git", "gitdir: ../repo/.git/worktrees/wt\n");
        Directory.CreateDirectory(Temp.File("wt/src"));

        Assert.AreEqual(Commit, GitRevision.Find(Temp.File("wt/src")));
    }

    [TestMethod]
    public void NearestRepositoryWins()
    {
        Temp.Write(".git/HEAD", Other + "\n");
        Temp.Write("src/App/.git/HEAD", Commit + "\n");

        Assert.AreEqual(Commit, GitRevision.Find(Project()));
    }
}
