// Classes run in parallel; the end-to-end class's steps share one built project and run one after another.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]
