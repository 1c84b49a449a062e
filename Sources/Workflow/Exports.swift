// `import Workflow` gives the generated models and the runtime too.
@_exported import JarvisModels
@_exported import StrataRuntime
