package io.switchboard.routing.number;

/** Optional per-number agent configuration, handed to the agent in the dispatch metadata. */
record AgentSettings(String sttProvider, String sttModel, String ttsProvider, String ttsModel, String ttsVoice,
                     String llmProvider, String llmModel) {

    static final AgentSettings NONE = new AgentSettings(null, null, null, null, null, null, null);

    /** Each setting a short printable text, named in the error as {@code agent_config.<field>}. */
    AgentSettings validated() {
        String[] names = {"stt_provider", "stt_model", "tts_provider", "tts_model", "tts_voice", "llm_provider", "llm_model"};
        String[] values = {sttProvider, sttModel, ttsProvider, ttsModel, ttsVoice, llmProvider, llmModel};
        for (int i = 0; i < names.length; i++) {
            io.switchboard.platform.web.Fields.maxLength("agent_config." + names[i], values[i], 200);
        }
        return this;
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
