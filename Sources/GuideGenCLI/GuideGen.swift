import ArgumentParser
public struct GuideGen: ParsableCommand { public init() {} }
