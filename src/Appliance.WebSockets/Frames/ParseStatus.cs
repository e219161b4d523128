namespace Appliance.WebSockets.Frames;

/// <summary>Why <see cref="FrameParser.Parse"/> returned.</summary>
public enum ParseStatus : byte
{
    /// <summary>Every complete frame was consumed; the rest needs more bytes.</summary>
    NeedMoreData,
    /// <summary>A control frame was read; its opcode and payload are on the parser until the next call.</summary>
    ControlFrame,
    /// <summary>The stream broke the protocol or a limit; <see cref="FrameParser.Error"/> says how. The parser is finished.</summary>
    Error,
}
