// Each test drives whole `dotnet build` processes; two at a time keeps both cores busy without starving them.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
