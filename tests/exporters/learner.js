/* The scripted learner: answers the question on screen rightly or wrongly, using the package's key.
 * Evaluated inside the SCO's frame; returns the id of the question answered. */
(correct) => {
  const form = document.querySelector("form.question");
  const question = window.ELEARN_PACKAGE.quiz.questions.find((q) => q.id === form.dataset.questionId);
  const pick = (value) => { form.querySelector(`input[name=response][value="${value}"]`).checked = true; };
  const choices = question.choices;
  const answers = {
    single: () => pick(choices.find((c) => c.correct === correct).id),
    multiple: () => choices.filter((c) => c.correct === correct).forEach((c) => pick(c.id)),
    likert: () => pick(choices[0].id),
    "true-false": () => pick(String(correct ? Boolean(question.key.answer) : !question.key.answer)),
    "fill-in": () => {
      form.elements.response.value = correct ? `  ${question.key.answers[0].toUpperCase()} ` : "nope ".repeat(60);
    },
    numeric: () => {
      const key = question.key;
      const right = key.min !== undefined ? key.min : key.answer;
      form.elements.response.value = String(correct ? right : right + 1000);
    },
    essay: () => { form.elements.response.value = "I greet the caller, say my name and ask how I can help."; },
    matching: () => form.querySelectorAll("select[name=match]").forEach((select) => {
      const left = choices.find((c) => c.id === select.dataset.left);
      select.value = correct ? left.match : question.targets.find((t) => t.id !== left.match).id;
    }),
    ordering: () => form.querySelectorAll("select[name=position]").forEach((select) => {
      const index = choices.findIndex((c) => c.id === select.dataset.step);
      select.value = String(correct ? index + 1 : choices.length - index);
    }),
  };
  answers[question.type]();
  form.querySelector("#submit-answer").click();
  return question.id;
}
