import { z } from 'astro/zod';

/** Required text of a recording; blank text counts as missing. */
const required = (error: string) => z.string({ error }).trim().min(1, { error });

/**
 * A recording kept beside its entry (音乐党课, spoken stories). Title, credit,
 * licence and transcript are required: the transcript is the recording for
 * anyone who cannot listen. The file itself is checked by src/lib/content/audio.ts.
 */
export const audioSchema = z.object({
  file: required('录音须有文件路径 file').meta({
    title: '录音文件',
    description:
      '录音文件的路径，相对于条目文件；放在与条目同名的文件夹里，例如 baidai-building/march-1935.ogg。格式：mp3、m4a、ogg、opus 或 wav，不超过 20 MB。',
  }),
  title: required('录音须有标题 title').meta({
    title: '录音标题',
    description: '这段录音是什么，例如“义勇军进行曲（1935 年录音）”或“讲解：百代小楼的故事”。',
  }),
  credit: required('录音须注明演唱、讲述或录制者 credit').meta({
    title: '演唱、讲述或录制者',
    description: '谁演唱、讲述或录制，出自哪里，例如“演唱：…；录音：百代唱片，1935 年”。',
  }),
  license: required('录音须注明许可 license（发布它的权利）').meta({
    title: '许可',
    description: '发布这段录音的权利，例如“公有领域”、CC BY 4.0，或“讲述者授权本站使用”。',
  }),
  transcript: required('录音须有文字稿 transcript：歌词或讲述的文字，给不能收听的人').meta({
    title: '文字稿',
    description: '歌词或讲述的全部文字，给不能收听的读者；页面上可展开阅读，能被搜索，也印在学习单上。多行请用 transcript: | 另起一行缩进书写。',
  }),
});

export const audioListSchema = z
  .array(audioSchema, { error: '录音 audio 应为列表，每一项写 file、title、credit、license 和 transcript' })
  .optional()
  .meta({
    title: '录音',
    description: '音乐党课或讲解录音，文件放在与条目同名的文件夹里；每段都必须写 file、title、credit、license 和 transcript。',
  });

export type Audio = z.infer<typeof audioSchema>;
